"""Forms for commentary and for editors' corrections.

The author of commentary is never a form field: the views take it from the
logged-in user.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from briefings.models import Commentary, Person
from geo.models import Country


class CommentaryForm(forms.Form):
    body = forms.CharField(
        label=_("Commentary (Markdown)"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
    )
    confidence = forms.ChoiceField(
        label=_("Confidence"),
        choices=[("", _("not stated")), *Commentary.Confidence.choices],
        required=False,
    )
    concerns = forms.CharField(
        label=_("Countries concerned"),
        help_text=_("ISO codes, separated by commas: KZ, RU"),
        max_length=300,
        required=False,
    )

    @classmethod
    def for_comment(cls, comment: Commentary, **kwargs) -> "CommentaryForm":
        codes = ", ".join(country.code for country in comment.concerns.all())
        initial = {"body": comment.body, "confidence": comment.confidence, "concerns": codes}
        return cls(initial=initial, **kwargs)

    def clean_concerns(self) -> list[Country]:
        codes = []
        for code in re.split(r"[\s,;]+", self.cleaned_data["concerns"].upper()):
            if code and code not in codes:
                codes.append(code)
        countries = {country.code: country for country in Country.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in countries]
        if unknown:
            raise forms.ValidationError(
                _("Not ISO 3166 country codes: %(codes)s."), params={"codes": ", ".join(unknown)}
            )
        return [countries[code] for code in codes]


class HideForm(forms.Form):
    hidden = forms.TypedChoiceField(
        choices=[("1", "hide"), ("0", "show")], coerce=lambda v: v == "1"
    )


class QuoteSpeakerForm(forms.Form):
    speaker = forms.ModelChoiceField(
        queryset=Person.objects.order_by("key"),
        required=False,
        empty_label=_("(speaker unknown)"),
        label=_("Speaker"),
    )


class EventDatesForm(forms.Form):
    start = forms.DateField(label=_("Start"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("End"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The event cannot end before it starts."))
        return data


class PersonMergeForm(forms.Form):
    duplicate = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label=_("Duplicate to fold into this person"),
        empty_label=None,
    )

    def __init__(self, *args, keep: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = Person.objects.exclude(pk=keep.pk).order_by("key")
