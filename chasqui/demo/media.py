"""Images and a PDF drawn in code, so the demo needs no binary files in the repository."""

import textwrap
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont


def _font(size):
    return ImageFont.load_default(size=size)


def logo_svg(colour, accent):
    """The emblem beside the name in the header: Andean peaks under a rising sun, drawn as SVG.

    Flat shapes in the brand colours with no text, so it is crisp at any size, reads on light
    and dark backgrounds alike and needs no font.
    """
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">
  <rect width="96" height="96" rx="14" fill="{colour}"/>
  <circle cx="62" cy="34" r="11" fill="#f6c453"/>
  <path d="M8 74 L34 34 L46 52 L58 40 L88 74 Z" fill="#ffffff"/>
  <path d="M34 34 L41 45 L36 43 L31 47 L28 43 Z M58 40 L64 48 L60 47 L56 50 L53 47 Z"
    fill="{colour}" opacity="0.35"/>
  <path d="M0 74 H96 V82 C72 76 52 88 28 82 C16 79 8 80 0 82 Z" fill="{accent}"/>
  <path d="M0 82 C8 80 16 79 28 82 C52 88 72 76 96 82 V82 A14 14 0 0 1 82 96 H14 A14 14 0 0 1 0 82 Z"
    fill="{accent}" opacity="0.7"/>
</svg>
""".encode()


def cover_png(title, subtitle, colour, accent, size=(600, 850)):
    """A report cover: wrapped title, subtitle and a band of colour."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([(0, 0), (size[0], 420)], fill=colour)
    draw.rectangle([(0, 420), (size[0], 440)], fill=accent)
    y = 60
    for line in textwrap.wrap(title, width=22):
        draw.text((40, y), line, fill="white", font=_font(44))
        y += 56
    y = 480
    for line in textwrap.wrap(subtitle, width=34):
        draw.text((40, y), line, fill=colour, font=_font(28))
        y += 38
    return _png_bytes(image)


def _png_bytes(image):
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _pdf_text(value):
    """Escape text for a PDF string literal, keeping to Latin-1 as the base fonts require."""
    value = value.encode("latin-1", "replace").decode("latin-1")
    return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(title, paragraphs):
    """A one-page PDF in Helvetica with a correct cross-reference table."""
    lines = [("F2", 18, title), ("F1", 11, "")]
    for paragraph in paragraphs:
        lines.extend(("F1", 11, line) for line in textwrap.wrap(paragraph, width=88))
        lines.append(("F1", 11, ""))
    commands = ["BT", "72 770 Td", "14 TL"]
    for font, size, text in lines:
        commands.append(f"/{font} {size} Tf ({_pdf_text(text)}) Tj T*")
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(output)
