"""Staff pages of the social channels. Views validate input and call services; every view checks
its permission on the server (``require_perms``)."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from humas.models import User
from humas.permissions import require_perms
from humas.roles import STAFF_AREA
from humas.tasking import send_task
from releases.channels import services
from releases.channels.forms import ChannelForm, MarkPostedForm, VersionForm
from releases.channels.models import Channel, ChannelDelivery, DeliveryStatus
from releases.channels.tasks import check_channel
from releases.models import Release

S = DeliveryStatus
RECENT = 60


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # require_perms let only signed-in users through
    return request.user


@require_perms(STAFF_AREA, "releases.view_channel")
def channel_list(request: HttpRequest) -> HttpResponse:
    since = timezone.now() - timedelta(days=30)
    recent = Q(deliveries__created_at__gte=since)
    channels = list(
        Channel.objects.annotate(
            posted=Count("deliveries", filter=recent & Q(deliveries__status__in=[S.POSTED, S.DELETED])),
            failed=Count("deliveries", filter=recent & Q(deliveries__status=S.FAILED)),
            unknown=Count("deliveries", filter=recent & Q(deliveries__status=S.UNKNOWN)),
            waiting=Count("deliveries", filter=recent & Q(deliveries__status__in=[S.PENDING, S.SENDING])),
        ).order_by("name")
    )
    latest: dict[int, list[ChannelDelivery]] = defaultdict(list)
    for delivery in ChannelDelivery.objects.select_related("release").order_by("-created_at")[:RECENT]:
        if len(latest[delivery.channel_id]) < 5:
            latest[delivery.channel_id].append(delivery)
    for channel in channels:
        done = channel.posted + channel.failed + channel.unknown  # type: ignore[attr-defined]
        channel.success_rate = round(100 * channel.posted / done) if done else None  # type: ignore[attr-defined]
        channel.recent = latest[channel.pk]  # type: ignore[attr-defined]
    return render(request, "releases/channels/channel_list.html", {"channels": channels})


def _channel_form(request: HttpRequest, channel: Channel) -> HttpResponse:
    form = ChannelForm(request.POST or None, instance=channel)
    if request.method == "POST" and form.is_valid():
        saved = services.channel_save(
            channel=form.save(commit=False), credentials=form.credentials(), actor=_user(request)
        )
        messages.success(request, _("Kanal %s tersimpan.") % saved.name)
        return redirect("channels:list")
    return render(request, "releases/channels/channel_form.html", {"form": form, "channel": channel})


@require_perms(STAFF_AREA, "releases.add_channel")
def channel_create(request: HttpRequest) -> HttpResponse:
    return _channel_form(request, Channel())


@require_perms(STAFF_AREA, "releases.change_channel")
def channel_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _channel_form(request, get_object_or_404(Channel, pk=pk))


@require_POST
@require_perms(STAFF_AREA, "releases.test_channel")
def channel_test(request: HttpRequest, pk: int) -> HttpResponse:
    channel = get_object_or_404(Channel, pk=pk)
    if send_task(check_channel, channel.pk):
        channel.refresh_from_db()
        messages.info(
            request,
            _("Uji koneksi %(name)s: %(result)s")
            % {
                "name": channel.name,
                "result": channel.health_message or _("sedang dijalankan, muat ulang sebentar lagi."),
            },
        )
    else:
        messages.error(request, _("Antrean tugas tidak terjangkau; uji koneksi belum dapat dijalankan."))
    return redirect("channels:list")


@require_perms(STAFF_AREA, "releases.view_channelversion")
def release_versions(request: HttpRequest, release_pk: int) -> HttpResponse:
    release = get_object_or_404(Release.objects.select_related("unit"), pk=release_pk)
    views = services.versions_for(release)
    editable = request.user.has_perm("releases.change_channelversion") and release.status in (
        Release.Status.DRAFT,
        Release.Status.IN_REVIEW,
        Release.Status.CHANGES_REQUESTED,
    )
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    forms = [
        VersionForm(
            data,
            files,
            prefix=f"ch{view.channel.pk}",
            channel=view.channel,
            has_image=bool(view.image_name),
            initial={"selected": view.selected, "text": view.text},
        )
        for view in views
    ]
    if request.method == "POST":
        if not editable:
            return HttpResponse(_("Versi kanal hanya dapat diubah sebelum siaran pers disetujui."), status=403)
        if all(form.is_valid() for form in forms):
            for form in forms:
                services.version_save(
                    release=release,
                    channel=form.channel,
                    selected=form.cleaned_data["selected"],
                    text=form.cleaned_data["text"],
                    image=form.prepared_image,
                    remove_image=form.cleaned_data["remove_image"],
                    actor=_user(request),
                )
            messages.success(request, _("Versi kanal tersimpan."))
            return redirect("channels:versions", release_pk=release.pk)
    rows = list(zip(views, forms, strict=True))
    context = {"release": release, "rows": rows, "editable": editable}
    return render(request, "releases/channels/versions.html", context)


@require_perms(STAFF_AREA, "releases.view_channeldelivery")
def release_deliveries(request: HttpRequest, release_pk: int) -> HttpResponse:
    release = get_object_or_404(Release, pk=release_pk)
    return render(request, "releases/channels/deliveries.html", {"release": release})


@require_perms(STAFF_AREA, "releases.view_channeldelivery")
def failures(request: HttpRequest) -> HttpResponse:
    rows = (
        ChannelDelivery.objects.filter(status__in=[S.FAILED, S.UNKNOWN])
        .select_related("release", "channel")
        .order_by("-updated_at")[:200]
    )
    return render(request, "releases/channels/failures.html", {"deliveries": rows})


def _back(request: HttpRequest, delivery: ChannelDelivery) -> HttpResponse:
    target = request.POST.get("next", "")
    if target.startswith("/staf/") and "//" not in target:
        return redirect(target)
    return redirect("channels:deliveries", release_pk=delivery.release_id)


@require_POST
@require_perms(STAFF_AREA, "releases.retry_channeldelivery")
def delivery_retry(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(ChannelDelivery, pk=pk)
    try:
        services.delivery_retry(delivery_id=delivery.pk, actor=_user(request))
    except services.DeliveryError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Pengiriman ke %s diantrekan ulang.") % delivery.channel.name)
    return _back(request, delivery)


@require_POST
@require_perms(STAFF_AREA, "releases.retry_channeldelivery")
def delivery_mark_posted(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = get_object_or_404(ChannelDelivery, pk=pk)
    form = MarkPostedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Masukkan alamat unggahan yang lengkap (diawali https://)."))
        return _back(request, delivery)
    try:
        services.delivery_mark_posted(delivery_id=delivery.pk, url=form.cleaned_data["url"], actor=_user(request))
    except services.DeliveryError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Pengiriman ke %s ditandai terunggah.") % delivery.channel.name)
    return _back(request, delivery)
