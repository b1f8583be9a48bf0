from django import forms
from django.utils.translation import gettext_lazy as _

from geo.models import Country


class BriefingFilterForm(forms.Form):
    """The query-string filters of the briefing list; bad values give a 400."""

    country = forms.CharField(required=False, max_length=2, label=_("Country"))
    q = forms.CharField(required=False, max_length=200, label=_("Search"))
    source = forms.IntegerField(required=False, min_value=1, label=_("Source"))
    since = forms.DateField(required=False, label=_("From"))
    until = forms.DateField(required=False, label=_("To"))
    commented = forms.BooleanField(required=False, label=_("With commentary"))
    page = forms.IntegerField(required=False, min_value=1)

    def clean_country(self) -> str:
        code = self.cleaned_data["country"].upper()
        if code and not Country.objects.filter(code=code).exists():
            raise forms.ValidationError(
                _("%(code)s is not an ISO 3166 country code."), params={"code": code}
            )
        return code


class QuoteFilterForm(forms.Form):
    speaker = forms.IntegerField(required=False, min_value=1, label=_("Speaker"))
    country = forms.CharField(required=False, max_length=2, label=_("Country"))
    since = forms.DateField(required=False, label=_("From"))
    until = forms.DateField(required=False, label=_("To"))
    page = forms.IntegerField(required=False, min_value=1)

    clean_country = BriefingFilterForm.clean_country


class EventFilterForm(forms.Form):
    country = forms.CharField(required=False, max_length=2, label=_("Country"))
    since = forms.DateField(required=False, label=_("From"))
    until = forms.DateField(required=False, label=_("To"))
    page = forms.IntegerField(required=False, min_value=1)

    clean_country = BriefingFilterForm.clean_country
