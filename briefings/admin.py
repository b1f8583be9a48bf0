from django.contrib import admin

from briefings.models import (
    Article,
    ArticleCountry,
    ArticleImage,
    ArticlePerson,
    Commentary,
    CommentaryRevision,
    Correction,
    Event,
    IngestItem,
    IngestRun,
    Person,
    Quote,
    Source,
)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "enabled", "url", "path", "last_polled"]
    list_filter = ["kind", "enabled"]
    search_fields = ["name", "url", "path"]


class ArticleImageInline(admin.TabularInline):
    model = ArticleImage
    extra = 0


class ArticleCountryInline(admin.TabularInline):
    model = ArticleCountry
    extra = 0
    autocomplete_fields = ["country"]


class ArticlePersonInline(admin.TabularInline):
    model = ArticlePerson
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "source", "published", "language", "ingested"]
    list_filter = ["language", "source"]
    search_fields = ["headline", "search_text"]
    date_hierarchy = "published"
    readonly_fields = ["content_hash", "ingested", "updated"]
    inlines = [ArticleImageInline, ArticleCountryInline, ArticlePersonInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["key", "name_zh", "name_en", "title", "affiliation", "country"]
    search_fields = ["key", "name_zh", "name_en", "affiliation"]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["__str__", "speaker", "article", "paragraph"]
    list_select_related = ["speaker", "article"]
    search_fields = ["text", "speaker__key"]
    autocomplete_fields = ["speaker"]
    raw_id_fields = ["article"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "start", "end", "place"]
    list_filter = ["kind"]
    search_fields = ["title"]
    date_hierarchy = "start"
    autocomplete_fields = ["countries", "participants"]
    raw_id_fields = ["articles"]


class CommentaryRevisionInline(admin.TabularInline):
    model = CommentaryRevision
    extra = 0
    readonly_fields = ["editor", "body", "replaced"]


@admin.register(Commentary)
class CommentaryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "author", "confidence", "hidden", "created"]
    list_filter = ["hidden", "confidence"]
    raw_id_fields = ["article", "event", "quote"]
    inlines = [CommentaryRevisionInline]


class IngestItemInline(admin.TabularInline):
    model = IngestItem
    extra = 0
    readonly_fields = ["name", "status", "error", "article", "finished"]


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = ["__str__", "requested_by", "status", "started", "finished"]
    list_filter = ["status"]
    inlines = [IngestItemInline]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Editors' corrections are a record: readable here, never changed."""

    list_display = ["made", "editor", "kind", "object_repr", "field", "old", "new"]
    list_filter = ["kind"]
    search_fields = ["object_repr", "old", "new"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
