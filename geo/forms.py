import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The Samarkand summit of the SCO Heads of State Council (15-16 September 2022).
SCO_DEFAULT_DATE = datetime.date(2022, 9, 15)
SCO_FOUNDED = datetime.date(2001, 6, 15)


class MapDateForm(forms.Form):
    """The ?date= of the SCO map: an ISO date from the SCO's founding to today."""

    date = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        label=_("As of"),
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2022-09-15.")},
    )

    def clean_date(self) -> datetime.date:
        day = self.cleaned_data["date"] or SCO_DEFAULT_DATE
        today = timezone.localdate()
        if not SCO_FOUNDED <= day <= today:
            raise forms.ValidationError(
                _("Pick a date from %(founded)s (the SCO's founding) to %(today)s."),
                params={"founded": SCO_FOUNDED.isoformat(), "today": today.isoformat()},
            )
        return day


class TripForm(forms.Form):
    """The ?trip= of the itinerary map: a trip's slug (unknown slugs are a 404)."""

    trip = forms.SlugField(required=False, label=_("Trip"))
