SCHEDULE = {
    "media-relations-sweep-sendings": {"task": "media_relations.tasks.sweep_sendings", "schedule": 300.0},
}
