"""Ruang Redaksi: the staff workspace, the editor and the workflow buttons."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.forms import BaseFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from humas.audit import history_for
from humas.models import User
from humas.permissions import require_perms
from humas.private_media import private_file_response
from humas.roles import STAFF_AREA
from releases import services
from releases.diff import compare
from releases.forms import (
    AttachmentForm,
    CommentForm,
    ContactFormSet,
    CorrectionForm,
    ImageEditForm,
    ImageForm,
    ReleaseForm,
    StaffFilterForm,
    contacts_from,
)
from releases.models import Comment, Release, ReleaseAttachment, ReleaseImage, Revision
from releases.public_context import article_context
from releases.sanitize import clean_html

Status = Release.Status
VIEW = (STAFF_AREA, "releases.view_release")
CHANGE = (STAFF_AREA, "releases.change_release")


@dataclass(frozen=True)
class Action:
    code: str
    label: str
    style: str
    field: str = ""  # "note", "comment" or "reason": the text the action asks for
    required: bool = False


def available_actions(release: Release, user: User) -> list[Action]:
    """Only the transitions this user may take on this release now (the services check again)."""
    actions = []
    if release.status in {Status.DRAFT, Status.CHANGES_REQUESTED} and user.has_perm("releases.change_release"):
        actions.append(Action("submit", _("Ajukan untuk ditelaah"), "primary", "note"))
    if release.status == Status.IN_REVIEW and user.has_perm("releases.approve_release"):
        if services.four_eyes_problem(release, user) is None:
            actions.append(Action("approve", _("Setujui"), "success", "note"))
        actions.append(Action("request_changes", _("Minta perbaikan"), "warning", "comment", required=True))
    if release.status == Status.APPROVED and user.has_perm("releases.publish_release"):
        public_at = release.public_at
        label = _("Jadwalkan") if public_at and public_at > timezone.now() else _("Terbitkan")
        actions.append(Action("publish", label, "success", "note"))
    if release.status in {Status.PUBLISHED, Status.SCHEDULED} and user.has_perm("releases.withdraw_release"):
        actions.append(Action("withdraw", _("Tarik siaran pers"), "danger", "reason", required=True))
    return actions


def _filtered(request: HttpRequest, form: StaffFilterForm) -> QuerySet[Release]:
    releases = Release.objects.select_related("unit", "category", "author").order_by("-updated_at", "-id")
    if not form.is_valid():
        return releases
    data = form.cleaned_data
    if data["status"]:
        releases = releases.filter(status=data["status"])
    if data["unit"]:
        releases = releases.filter(unit=data["unit"])
    if data["category"]:
        releases = releases.filter(category=data["category"])
    if data["penulis"] == "saya":
        releases = releases.filter(author_id=request.user.pk)
    elif data["penulis"]:
        term = data["penulis"]
        releases = releases.filter(
            Q(author__username__icontains=term)
            | Q(author__first_name__icontains=term)
            | Q(author__last_name__icontains=term)
        )
    if data["dari"]:
        releases = releases.filter(created_at__date__gte=data["dari"])
    if data["sampai"]:
        releases = releases.filter(created_at__date__lte=data["sampai"])
    return releases


@require_perms(*VIEW)
def staff_list(request: HttpRequest) -> HttpResponse:
    form = StaffFilterForm(request.GET or None)
    page = Paginator(_filtered(request, form), 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "releases/staff/list.html",
        {
            "form": form,
            "page_obj": page,
            "releases": page.object_list,
            "query": query.urlencode(),
            "title": _("Ruang Redaksi"),
        },
    )


@require_perms(STAFF_AREA, "releases.approve_release")
def staff_queue(request: HttpRequest) -> HttpResponse:
    releases = (
        Release.objects.filter(status=Status.IN_REVIEW)
        .select_related("unit", "category", "author", "last_edited_by")
        .order_by("updated_at")
    )
    page = Paginator(releases, 25).get_page(request.GET.get("page"))
    return render(request, "releases/staff/queue.html", {"page_obj": page, "releases": page.object_list})


def _editor_response(
    request: HttpRequest, form: ReleaseForm, contacts: BaseFormSet, release: Release | None
) -> HttpResponse:
    return render(request, "releases/staff/edit.html", {"form": form, "contacts": contacts, "release": release})


@require_perms(STAFF_AREA, "releases.add_release")
def staff_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = ReleaseForm(request.POST or None, initial={"unit": user.unit_id})
    contacts = ContactFormSet(request.POST or None, prefix="kontak")
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        values = form.service_kwargs()
        release = services.release_create_draft(author=user, **values)
        services.release_update(release_id=release.pk, actor=user, contacts=contacts_from(contacts), **values)
        messages.success(request, _("Draf tersimpan."))
        return redirect("releases:staff-detail", pk=release.pk)
    return _editor_response(request, form, contacts, None)


@require_perms(*CHANGE)
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    release = get_object_or_404(Release.objects.prefetch_related("tags", "media_contacts"), pk=pk)
    if release.status not in services.EDITABLE:
        messages.info(request, _("Siaran pers ini tidak dapat disunting lagi; gunakan ralat bila sudah terbit."))
        return redirect("releases:staff-detail", pk=pk)
    initial_contacts = [
        {k: getattr(c, k) for k in ("name", "role", "phone", "email")} for c in release.media_contacts.all()
    ]
    form = ReleaseForm(request.POST or None, instance=release)
    contacts = ContactFormSet(request.POST or None, prefix="kontak", initial=initial_contacts)
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        user = request.user
        assert isinstance(user, User)
        try:
            updated = services.release_update(
                release_id=pk, actor=user, contacts=contacts_from(contacts), **form.service_kwargs()
            )
        except services.ReleaseError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Perubahan tersimpan."))
            if updated.status == Status.IN_REVIEW and release.status in services.BACK_TO_REVIEW:
                messages.warning(request, _("Siaran pers kembali ke telaah karena disunting setelah disetujui."))
            return redirect("releases:staff-detail", pk=pk)
    return _editor_response(request, form, contacts, release)


def _staff_release(pk: int) -> Release:
    return get_object_or_404(
        Release.objects.select_related("unit", "category", "author", "last_edited_by", "approved_by").prefetch_related(
            "tags",
            "images",
            "attachments",
            "media_contacts",
            "corrections",
            Prefetch("comments", queryset=Comment.objects.select_related("author")),
            Prefetch("revisions", queryset=Revision.objects.select_related("created_by")),
        ),
        pk=pk,
    )


@require_perms(*VIEW)
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    release = _staff_release(pk)
    user = request.user
    assert isinstance(user, User)
    revisions = list(release.revisions.all())
    return render(
        request,
        "releases/staff/detail.html",
        {
            "release": release,
            "actions": available_actions(release, user),
            "can_edit": release.status in services.EDITABLE and user.has_perm("releases.change_release"),
            "can_correct": release.status == Status.PUBLISHED and user.has_perm("releases.withdraw_release"),
            "can_change_media": release.status != Status.WITHDRAWN
            and user.has_perm("releases.change_release")
            and (release.status != Status.PUBLISHED or user.has_perm("releases.withdraw_release")),
            "image_form": ImageForm(),
            "attachment_form": AttachmentForm(),
            "comment_form": CommentForm(),
            "history": history_for(release)[:50],
            "revisions": revisions,
            "blockers": services.approval_blockers(release, user) if release.status == Status.IN_REVIEW else [],
        },
    )


@require_POST
@require_perms(*CHANGE)
def staff_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    text = request.POST.get("text", "")
    release = get_object_or_404(Release, pk=pk)
    calls = {
        "submit": lambda: services.release_submit(release_id=pk, actor=user, note=text),
        "approve": lambda: services.release_approve(release_id=pk, actor=user, note=text),
        "request_changes": lambda: services.release_request_changes(release_id=pk, actor=user, comment=text),
        "publish": lambda: services.release_publish(release_id=pk, actor=user, note=text),
        "withdraw": lambda: services.release_withdraw(release_id=pk, actor=user, reason=text),
    }
    if action not in calls:
        raise PermissionDenied
    try:
        updated = calls[action]()
    except services.ReleaseError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Status siaran pers: %(old)s → %(new)s.")
            % {"old": release.get_status_display(), "new": updated.get_status_display()},
        )
    return redirect("releases:staff-detail", pk=pk)


@require_POST
@require_perms(STAFF_AREA, "releases.add_comment")
def staff_comment(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.release_comment_add(release_id=pk, actor=user, body=form.cleaned_data["body"])
        messages.success(request, _("Komentar terkirim."))
    else:
        messages.error(request, _("Komentar tidak boleh kosong."))
    return redirect(reverse("releases:staff-detail", kwargs={"pk": pk}) + "#komentar")


def _report(request: HttpRequest, error: ValidationError | services.ReleaseError) -> None:
    for text in error.messages:
        messages.error(request, text)


@require_POST
@require_perms(*CHANGE)
def staff_image_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    get_object_or_404(Release, pk=pk)
    form = ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Pilih berkas foto untuk diunggah."))
    else:
        data = form.cleaned_data
        try:
            services.release_image_add(
                release_id=pk,
                actor=user,
                file=data["file"],
                caption=data["caption"],
                credit=data["credit"],
                alt_text=data["alt_text"],
                is_lead=data["is_lead"],
            )
        except (ValidationError, services.ReleaseError) as error:
            _report(request, error)
        else:
            messages.success(request, _("Foto tersimpan."))
    return redirect(reverse("releases:staff-detail", kwargs={"pk": pk}) + "#gambar")


@require_POST
@require_perms(*CHANGE)
def staff_image_edit(request: HttpRequest, pk: int, image_id: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    image = get_object_or_404(ReleaseImage, pk=image_id, release_id=pk)
    try:
        if request.POST.get("delete"):
            services.release_image_delete(image_id=image.pk, actor=user)
            messages.success(request, _("Foto dihapus."))
        else:
            form = ImageEditForm(request.POST)
            form.is_valid()
            services.release_image_update(image_id=image.pk, actor=user, **form.cleaned_data)
            messages.success(request, _("Keterangan foto tersimpan."))
    except services.ReleaseError as error:
        _report(request, error)
    return redirect(reverse("releases:staff-detail", kwargs={"pk": pk}) + "#gambar")


@require_POST
@require_perms(*CHANGE)
def staff_attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    get_object_or_404(Release, pk=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Pilih berkas lampiran untuk diunggah."))
    else:
        try:
            services.release_attachment_add(
                release_id=pk, actor=user, file=form.cleaned_data["file"], title=form.cleaned_data["title"]
            )
        except (ValidationError, services.ReleaseError) as error:
            _report(request, error)
        else:
            messages.success(request, _("Lampiran tersimpan."))
    return redirect(reverse("releases:staff-detail", kwargs={"pk": pk}) + "#lampiran")


@require_POST
@require_perms(*CHANGE)
def staff_attachment_delete(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    attachment = get_object_or_404(ReleaseAttachment, pk=attachment_id, release_id=pk)
    try:
        services.release_attachment_delete(attachment_id=attachment.pk, actor=user)
    except services.ReleaseError as error:
        _report(request, error)
    return redirect(reverse("releases:staff-detail", kwargs={"pk": pk}) + "#lampiran")


@require_perms(*VIEW)  # type: ignore[arg-type]
def staff_attachment_download(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponseBase:
    attachment = get_object_or_404(ReleaseAttachment, pk=attachment_id, release_id=pk)
    return private_file_response(attachment.file, download_name=attachment.download_name)


@require_perms(*VIEW)
def staff_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The saved release exactly as its public page will show it."""
    release = _staff_release(pk)
    context = article_context(release)
    context["preview"] = True
    return render(request, "releases/detail.html", context)


@require_POST
@require_perms(*CHANGE)
def staff_live_preview(request: HttpRequest) -> HttpResponse:
    """The editor's unsaved content rendered with the public article template (htmx swap)."""
    pk = request.POST.get("release")
    release = _staff_release(int(pk)) if pk and pk.isdigit() else Release(publish_at=timezone.now())
    form = ReleaseForm(request.POST, instance=release)
    form.is_valid()
    data = form.cleaned_data
    release.title = data.get("title") or release.title or _("(tanpa judul)")
    release.lead = data.get("lead") or ""
    release.body = clean_html(data.get("body") or "")
    release.dateline_place = data.get("dateline_place") or ""
    if data.get("unit"):
        release.unit = data["unit"]
    context = article_context(release, saved=bool(release.pk))
    return render(request, "releases/_article.html", context)


@require_POST
@require_perms(STAFF_AREA, "releases.change_release")
def editor_image_upload(request: HttpRequest) -> JsonResponse:
    """CKEditor 5's upload adapter posts here: the portal's image checks, EXIF removed."""
    user = request.user
    assert isinstance(user, User)
    upload = request.FILES.get("upload")
    if upload is None:
        return JsonResponse({"error": {"message": _("Tidak ada berkas yang diunggah.")}}, status=400)
    try:
        image = services.body_image_upload(actor=user, file=upload)
    except ValidationError as error:
        return JsonResponse({"error": {"message": " ".join(error.messages)}}, status=400)
    return JsonResponse({"url": image.file.url})


@require_perms(*VIEW)
def staff_revisions(request: HttpRequest, pk: int) -> HttpResponse:
    release = get_object_or_404(Release, pk=pk)
    revisions = list(release.revisions.select_related("created_by"))
    by_number = {revision.number: revision for revision in revisions}

    def pick(name: str, default: int) -> Revision | None:
        value = request.GET.get(name, "")
        return by_number.get(int(value)) if value.isdigit() else by_number.get(default)

    newest = revisions[0].number if revisions else 0
    old, new = pick("a", newest - 1), pick("b", newest)
    labels = {"title": _("Judul"), "lead": _("Ringkasan"), "body": _("Isi")}
    return render(
        request,
        "releases/staff/revisions.html",
        {
            "release": release,
            "revisions": revisions,
            "old": old,
            "new": new,
            "diff": compare(old, new, labels) if old and new else [],
        },
    )


@require_perms(STAFF_AREA, "releases.withdraw_release")
def staff_correct(request: HttpRequest, pk: int) -> HttpResponse:
    release = get_object_or_404(Release, pk=pk)
    if release.status != Status.PUBLISHED:
        messages.error(request, _("Ralat hanya untuk siaran pers yang sudah terbit."))
        return redirect("releases:staff-detail", pk=pk)
    form = CorrectionForm(
        request.POST or None, initial={"title": release.title, "lead": release.lead, "body": release.body}
    )
    if request.method == "POST" and form.is_valid():
        user = request.user
        assert isinstance(user, User)
        try:
            services.release_correct(release_id=pk, actor=user, **form.cleaned_data)
        except services.ReleaseError as error:
            _report(request, error)
        else:
            messages.success(request, _("Ralat diterbitkan."))
            return HttpResponseRedirect(reverse("releases:staff-detail", kwargs={"pk": pk}))
    return render(request, "releases/staff/correct.html", {"release": release, "form": form})
