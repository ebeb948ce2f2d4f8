"""Server-side permission checks for views.

Anonymous visitors are sent to the login page; signed-in users without the permission get 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from humas.roles import STAFF_AREA

View = Callable[..., HttpResponse]


def require_perms(*perms: str) -> Callable[[View], View]:
    """Decorator for function views: the user must hold every permission in ``perms``."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not request.user.has_perms(perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


staff_required = require_perms(STAFF_AREA)


class StaffPermissionMixin(PermissionRequiredMixin):
    """For class-based staff views: the staff area plus whatever ``permission_required`` adds."""

    permission_required: str | tuple[str, ...] = ()

    def get_permission_required(self) -> tuple[str, ...]:
        extra = self.permission_required
        extra = (extra,) if isinstance(extra, str) else tuple(extra)
        return (STAFF_AREA, *extra)


def is_staff_member(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm(STAFF_AREA))
