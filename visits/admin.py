from django.contrib import admin

from visits.models import Blackout, ReceivingRule, Room, Topic


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "location", "capacity", "is_active"]


@admin.register(ReceivingRule)
class ReceivingRuleAdmin(admin.ModelAdmin):
    list_display = ["weekday", "start_time", "end_time"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]


@admin.register(Blackout)
class BlackoutAdmin(admin.ModelAdmin):
    list_display = ["start_date", "end_date", "reason"]
