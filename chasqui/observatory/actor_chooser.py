"""The chooser behind the editor's "Sensitive name" button: sensitive actors, shown by their titles
(public descriptions); editors with the sensitive-data permission may also record a new one there."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from . import services
from .choices import ActorType
from .models import ActorPage, IncidentIndexPage
from .sensitive_admin import can_see_sensitive_data


def indexes_for(user):
    """The incident indexes under which `user` may publish a new actor."""
    if not can_see_sensitive_data(user):
        return []
    indexes = IncidentIndexPage.objects.select_related("locale").order_by("locale__language_code")
    return [index for index in indexes if index.permissions_for_user(user).can_publish_subpage()]


class IndexChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.locale.get_display_name()


class SensitiveActorForm(forms.Form):
    title = forms.CharField(
        label=_("Public description"),
        max_length=255,
        help_text=_("What the public reads in place of the name, e.g. “a community leader”."),
    )
    real_name = forms.CharField(
        label=_("Real name"),
        max_length=200,
        help_text=_("Never published; seen only by editors with the permission."),
    )
    actor_type = forms.ChoiceField(label=_("Type"), choices=ActorType.choices, initial=ActorType.PERSON)
    index = IndexChoiceField(queryset=IncidentIndexPage.objects.none(), label=_("Language"), empty_label=None)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = [index.pk for index in indexes_for(user)]
        self.fields["index"].queryset = IncidentIndexPage.objects.filter(pk__in=allowed).select_related(
            "locale"
        )

    def save(self):
        """The new actor, published, or None with the model's objections added to the form."""
        data = self.cleaned_data
        try:
            return services.add_actor(
                data["index"],
                data["title"],
                data["actor_type"],
                is_sensitive=True,
                real_name=data["real_name"],
            )
        except ValidationError as error:
            for message in error.messages:
                self.add_error(None, message)
            return None


class CreatesSensitiveActors:
    def can_create(self):
        return bool(indexes_for(self.request.user))

    def get_creation_form_kwargs(self):
        return {**super().get_creation_form_kwargs(), "user": self.request.user}


class ChooseView(CreatesSensitiveActors, chooser_views.ChooseView):
    pass


class ChooseResultsView(CreatesSensitiveActors, chooser_views.ChooseResultsView):
    pass


class ChosenView(chooser_views.ChosenView):
    def get_object(self, pk):
        return ActorPage.objects.get(pk=pk, is_sensitive=True)


class CreateView(CreatesSensitiveActors, chooser_views.CreateView):
    def post(self, request):
        self.form = self.get_creation_form()
        actor = self.form.save() if self.form.is_valid() else None
        if actor is None:
            return self.get_reshow_creation_form_response()
        return self.get_chosen_response(actor)


class SensitiveActorChooserViewSet(ChooserViewSet):
    model = ActorPage
    icon = "user"
    choose_one_text = _("Choose a sensitive actor")
    create_action_label = _("Record a sensitive actor")
    register_widget = False
    creation_form_class = SensitiveActorForm
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    create_view_class = CreateView

    def get_object_list(self):
        return ActorPage.objects.filter(is_sensitive=True).order_by("title")


sensitive_actor_chooser = SensitiveActorChooserViewSet("sensitive_actor_chooser")
