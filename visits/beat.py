from celery.schedules import crontab

SCHEDULE = {
    "visits-expire-holds": {"task": "visits.tasks.expire_holds", "schedule": 900.0},
    "visits-reminders": {"task": "visits.tasks.send_reminders", "schedule": crontab(hour=8, minute=0)},
    "visits-sweep-emails": {"task": "visits.tasks.sweep_visit_emails", "schedule": 600.0},
}
