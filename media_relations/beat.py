from media_relations.events_beat import SCHEDULE as EVENTS_SCHEDULE

SCHEDULE = {
    "media-relations-sweep-sendings": {"task": "media_relations.tasks.sweep_sendings", "schedule": 300.0},
    **EVENTS_SCHEDULE,
}
