"""Admin for the newsroom's reference lists. Releases themselves change only through the
workflow in Ruang Redaksi, so the admin shows them read-only."""

from django.contrib import admin
from django.http import HttpRequest

from releases.models import Category, PressKitDownload, Release, Tag


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Release)
class ReleaseAdmin(ReadOnlyAdmin):
    list_display = ["title", "status", "unit", "publish_at", "embargo_until"]
    list_filter = ["status", "unit", "category"]
    list_select_related = ["unit"]
    search_fields = ["title"]
    exclude = ["search_vector"]


@admin.register(PressKitDownload)
class PressKitDownloadAdmin(ReadOnlyAdmin):
    list_display = ["release", "user", "downloaded_at", "before_embargo"]
    list_filter = ["before_embargo"]
    list_select_related = ["release", "user"]
