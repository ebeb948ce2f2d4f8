"""Staff pages of press conferences, the phone check-in page, the summary, and the public RSVP."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from humas.models import User
from humas.permissions import require_perms
from humas.roles import STAFF_AREA
from media_relations import events_services as services
from media_relations.events_forms import CheckInSearchForm, EventForm, InviteForm, RsvpForm
from media_relations.models import CoverageItem
from media_relations.models_events import Event, Invitation

VIEW = "media_relations.view_event"
YES = Invitation.Response.YES


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _with_counts(queryset):  # type: ignore[no-untyped-def]
    return queryset.annotate(
        invited=Count("invitations", distinct=True),
        yes=Count("invitations", filter=Q(invitations__response=YES), distinct=True),
        present=Count("invitations", filter=Q(invitations__checked_in_at__isnull=False), distinct=True),
    )


@require_perms(STAFF_AREA, VIEW)
def event_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(_with_counts(Event.objects.order_by("-starts_at")), 25).get_page(request.GET.get("page"))
    return render(request, "media_relations/events/list.html", {"page_obj": page, "events": page.object_list})


@require_perms(STAFF_AREA, "media_relations.add_event")
def event_create(request: HttpRequest) -> HttpResponse:
    return _event_form(request, None)


@require_perms(STAFF_AREA, "media_relations.change_event")
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _event_form(request, get_object_or_404(Event, pk=pk))


def _event_form(request: HttpRequest, event: Event | None) -> HttpResponse:
    initial = {"releases": list(event.releases.all())} if event else {}
    form = EventForm(request.POST or None, instance=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = services.event_save(
            actor=_user(request),
            data=form.event_data(),
            releases=form.cleaned_data["releases"],
            event_id=event.pk if event else None,
        )
        messages.success(request, _("Acara tersimpan."))
        return redirect("media_relations:event-detail", saved.pk)
    return render(request, "media_relations/events/form.html", {"form": form, "event": event})


@require_perms(STAFF_AREA, VIEW)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(_with_counts(Event.objects.all()), pk=pk)
    invitations = event.invitations.select_related("journalist__outlet").order_by("journalist__name")
    return render(
        request,
        "media_relations/events/detail.html",
        {
            "event": event,
            "invitations": invitations,
            "seats": services.seats_taken(event),
            "releases": event.releases.all(),
            "invite_form": InviteForm(),
        },
    )


@require_POST
@require_perms(STAFF_AREA, "media_relations.change_event")
def event_invite(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    form = InviteForm(request.POST)
    if not form.is_valid():
        for error in form.non_field_errors() or [_("Pilihan undangan tidak sah.")]:
            messages.error(request, str(error))
        return redirect("media_relations:event-detail", event.pk)
    journalists = services.journalists_for(
        chosen=[j.pk for j in form.cleaned_data["journalists"]],
        beat_ids=[b.pk for b in form.cleaned_data["beats"]],
        outlet_kinds=form.cleaned_data["outlet_kinds"],
    )
    try:
        outcome = services.invitations_create(
            event_id=event.pk, journalist_ids=journalists.values_list("pk", flat=True), actor=_user(request)
        )
    except services.EventError as error:
        messages.error(request, str(error))
        return redirect("media_relations:event-detail", event.pk)
    messages.success(
        request,
        _(
            "%(invited)s undangan dikirim; %(already)s sudah diundang sebelumnya; %(no_consent)s dilewati karena belum "
            "memberi persetujuan menerima surel atau alamatnya terpental."
        )
        % {"invited": outcome.invited, "already": outcome.already, "no_consent": outcome.no_consent},
    )
    return redirect("media_relations:event-detail", event.pk)


@require_perms(STAFF_AREA, "media_relations.checkin_event")
def event_checkin(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(_with_counts(Event.objects.all()), pk=pk)
    form = CheckInSearchForm(request.GET or None)
    invitations = event.invitations.select_related("journalist__outlet").exclude(response=Invitation.Response.NO)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if query:
        invitations = invitations.filter(
            Q(journalist__name__icontains=query) | Q(journalist__outlet__name__icontains=query)
        )
    return render(
        request,
        "media_relations/events/checkin.html",
        {"event": event, "form": form, "query": query, "invitations": invitations.order_by("journalist__name")[:100]},
    )


@require_POST
@require_perms(STAFF_AREA, "media_relations.checkin_event")
def invitation_checkin(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("journalist"), pk=invitation_pk, event_id=pk)
    try:
        services.invitation_check_in(invitation_id=invitation.pk, actor=_user(request))
    except services.EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s tercatat hadir.") % {"name": invitation.journalist.name})
    target = reverse("media_relations:event-checkin", args=[pk])
    query = request.POST.get("q", "").strip()
    return redirect(f"{target}?{urlencode({'q': query})}" if query else target)


@require_perms(STAFF_AREA, VIEW)
def event_summary(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(_with_counts(Event.objects.all()), pk=pk)
    present = event.invitations.filter(checked_in_at__isnull=False)
    totals = present.aggregate(crew=Sum("crew_count"))
    outlets = (
        present.values("journalist__outlet__name")
        .annotate(people=Count("pk"))
        .order_by("-people", "journalist__outlet__name")
    )
    responses = dict(event.invitations.values_list("response").annotate(n=Count("pk")).order_by())
    coverage = (
        CoverageItem.objects.filter(release__in=event.releases.all())
        .select_related("outlet", "release")
        .order_by("published_at")
    )
    context = {
        "event": event,
        "present_crew": totals["crew"] or 0,
        "outlets": outlets,
        "responses": [(label, responses.get(code, 0)) for code, label in Invitation.Response.choices],
        "coverage": coverage,
    }
    return render(request, "media_relations/events/summary.html", context)


@never_cache
def event_rsvp(request: HttpRequest, token: str) -> HttpResponse:
    """Public: the token link from the invitation mail. No account needed."""
    try:
        invitation = services.invitation_for_token(token)
    except services.EventError as error:
        return render(request, "media_relations/events/rsvp_invalid.html", {"message": str(error)}, status=404)
    initial: dict[str, object] = {"crew_count": invitation.crew_count}
    if invitation.response != Invitation.Response.PENDING:
        initial["response"] = invitation.response
    form = RsvpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.rsvp_respond(
                token=token, response=form.cleaned_data["response"], crew_count=form.cleaned_data["crew_count"] or 0
            )
        except services.EventError as error:
            form.add_error(None, str(error))
        else:
            return render(request, "media_relations/events/rsvp_done.html", {"invitation": invitation})
    return render(
        request, "media_relations/events/rsvp.html", {"invitation": invitation, "event": invitation.event, "form": form}
    )


def my_invitations(request: HttpRequest) -> HttpResponse:
    """A signed-in journalist's invitations, answered here without the mailed link."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    invitations = services.invitations_of(_user(request))
    if request.method == "POST":
        invitation = get_object_or_404(invitations, pk=request.POST.get("invitation", "0"))
        form = RsvpForm(request.POST)
        if form.is_valid():
            try:
                services.invitation_respond(
                    invitation=invitation,
                    response=form.cleaned_data["response"],
                    crew_count=form.cleaned_data["crew_count"] or 0,
                )
            except services.EventError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("Jawaban Anda untuk “%(title)s” tersimpan.") % {"title": invitation.event.title},
                )
        else:
            messages.error(request, _("Jawaban tidak sah: pilih hadir, mungkin, atau tidak hadir; kru 0–10 orang."))
        return redirect("media_relations:my-invitations")
    choices = [(c, label) for c, label in Invitation.Response.choices if c != Invitation.Response.PENDING]
    return render(
        request, "media_relations/events/my_invitations.html", {"invitations": invitations, "choices": choices}
    )
