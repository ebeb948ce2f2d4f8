from celery.schedules import crontab

SCHEDULE = {
    "ppid-deadline-reminders": {"task": "ppid.tasks.send_deadline_reminders", "schedule": crontab(hour=7, minute=0)},
    "ppid-sweep-requester-emails": {"task": "ppid.tasks.sweep_requester_emails", "schedule": 600.0},
}
