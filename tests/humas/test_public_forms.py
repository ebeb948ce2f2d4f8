from django import forms
from django.test import RequestFactory

from humas.public_forms import SpamTrapMixin, rate_limit_exceeded
from tests.helpers import spam_trap_fields


class ContactForm(SpamTrapMixin, forms.Form):
    name = forms.CharField()


def test_a_person_filling_the_form_passes_the_spam_trap() -> None:
    assert ContactForm({"name": "Budi", **spam_trap_fields()}).is_valid()


def test_filled_trap_field_or_instant_post_is_refused() -> None:
    bot = ContactForm({"name": "Budi", **spam_trap_fields(), "website": "http://spam.example"})
    assert not bot.is_valid()
    assert "Formulir tidak dapat dikirim" in str(bot.non_field_errors())
    assert not ContactForm({"name": "Budi", **spam_trap_fields(seconds_ago=0)}).is_valid()
    assert not ContactForm({"name": "Budi", "website": "", "form_started": "palsu"}).is_valid()


def test_rate_limit_counts_per_address_and_scope() -> None:
    factory = RequestFactory()
    first = factory.post("/", REMOTE_ADDR="203.0.113.5")
    other = factory.post("/", REMOTE_ADDR="203.0.113.6")
    assert [rate_limit_exceeded(first, "uji", "3/h") for _ in range(4)] == [False, False, False, True]
    assert rate_limit_exceeded(other, "uji", "3/h") is False
    assert rate_limit_exceeded(first, "lain", "3/h") is False
