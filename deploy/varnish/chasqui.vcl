# Varnish (Debian's varnish package) in front of Chasqui (docs/caching.md).
#
#   varnishd -a :80 -f /etc/varnish/chasqui.vcl -s malloc,256m
#
# and tell Chasqui where to send purges: CHASQUI_PURGE_HTTP_URL=http://127.0.0.1:80
# Chasqui sends a PURGE for every address a change affects (the page in each language, its index,
# the home page, the archives and feeds it appears on, the sitemap); Cache-Control's s-maxage bounds
# how long anything else is kept.
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Only the application's own machine may purge.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # One entry per host whatever port it was reached on: purges name the site's own address.
    set req.http.host = regsub(req.http.host, ":[0-9]+$", "");
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Signed-in editors and members, a form's token or a message waiting: the visitor's own page.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    # Any other cookie (a language choice aside, which the address already gives) changes nothing.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # A response that sets a cookie belongs to one visitor (Chasqui never caches those either).
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "private|no-store") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "hit";
    } else {
        set resp.http.X-Varnish-Cache = "miss";
    }
}
