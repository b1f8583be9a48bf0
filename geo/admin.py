from django.contrib import admin

from geo.models import Country, Membership, Organisation, Place, Trip, TripStop


class CountryMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "country"
    fields = ["organisation", "status", "start", "end", "source"]
    extra = 0


class OrganisationMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organisation"
    fields = ["country", "status", "start", "end", "source"]
    autocomplete_fields = ["country"]
    extra = 0


class TripStopInline(admin.TabularInline):
    model = TripStop
    fields = ["order", "place", "arrival", "departure", "purpose_en", "purpose_zh", "events"]
    autocomplete_fields = ["place"]
    raw_id_fields = ["events"]
    extra = 0


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "alpha3", "numeric", "name_en", "name_zh", "latitude", "longitude"]
    search_fields = ["code", "alpha3", "numeric", "name_en", "name_zh", "aliases_en", "aliases_zh"]
    inlines = [CountryMembershipInline]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["slug", "name_en", "name_zh", "country", "latitude", "longitude"]
    list_filter = ["country"]
    search_fields = ["slug", "name_en", "name_zh", "aliases_en", "aliases_zh"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["slug", "abbreviation", "name_en", "name_zh", "founded"]
    search_fields = ["slug", "abbreviation", "name_en", "name_zh", "aliases_en", "aliases_zh"]
    inlines = [OrganisationMembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "country", "status", "start", "end"]
    list_filter = ["organisation", "status"]
    search_fields = ["country__code", "country__name_en", "country__name_zh", "source"]
    autocomplete_fields = ["country"]
    list_select_related = ["organisation", "country"]
    date_hierarchy = "start"


@admin.register(Trip)
class TripAdmin(admin.ModelAdmin):
    list_display = ["slug", "title_en", "traveller", "start", "end"]
    search_fields = ["slug", "title_en", "title_zh", "traveller__key", "traveller__name_en"]
    list_select_related = ["traveller"]
    raw_id_fields = ["traveller"]
    date_hierarchy = "start"
    inlines = [TripStopInline]


@admin.register(TripStop)
class TripStopAdmin(admin.ModelAdmin):
    list_display = ["trip", "order", "place", "arrival", "departure", "purpose_en"]
    list_filter = ["trip"]
    search_fields = ["trip__slug", "trip__title_en", "place__name_en", "place__name_zh"]
    list_select_related = ["trip", "place__country"]
    autocomplete_fields = ["place"]
    raw_id_fields = ["trip", "events"]
