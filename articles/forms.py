"""The editor's form for adding an article: paste the text or upload the file."""

from __future__ import annotations

from django import forms

from articles.services import MAX_INPUT_BYTES, MAX_RAW_BYTES

ACCEPTED_SUFFIXES = (".txt", ".html", ".htm", ".json")


class ArticleIngestForm(forms.Form):
    text = forms.CharField(
        label="Article text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        help_text="Paste the article as plain text, HTML or a JSON record; or upload a file below.",
    )
    file = forms.FileField(
        label="…or a file",
        required=False,
        help_text="A .txt, .html or .json file of at most 1 MB.",
    )
    url = forms.URLField(label="URL", required=False, max_length=2000, assume_scheme="https")
    outlet = forms.CharField(required=False, max_length=200)
    headline = forms.CharField(required=False, max_length=500)
    published = forms.DateTimeField(
        required=False,
        help_text="Left empty, the date is taken from the text. YYYY-MM-DD or YYYY-MM-DD HH:MM.",
    )

    def clean(self) -> dict:
        data = super().clean()
        text, upload = data.get("text") or "", data.get("file")
        if bool(text.strip()) == bool(upload):
            raise forms.ValidationError("Paste the article text or upload a file (one of the two).")
        if upload:
            if not upload.name.lower().endswith(ACCEPTED_SUFFIXES):
                raise forms.ValidationError(
                    f"{upload.name} is not a .txt, .html or .json file.", code="suffix"
                )
            # A JSON record is measured by the article it holds (in article_ingest).
            json_file = upload.name.lower().endswith(".json")
            if upload.size > (MAX_RAW_BYTES if json_file else MAX_INPUT_BYTES):
                raise forms.ValidationError(f"{upload.name} is over the limit of 1 MB.")
            data["raw"], data["filename"] = upload.read(), upload.name
        else:
            data["raw"], data["filename"] = text, None
        return data
