"""Values kept encrypted at rest (IIT codes until printed, the stored slips) use
DATA_ENCRYPTION_KEY, not SECRET_KEY: rotating SECRET_KEY loses nothing, a wrong data key reads
nothing, and after a rotation the old key (DATA_ENCRYPTION_OLD_KEYS) still decrypts."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet

from prongsai.core.encryption import DecryptionFailed, decrypt, encrypt


def test_rotating_secret_key_does_not_touch_encrypted_values(settings: Any) -> None:
    token = encrypt(b"ACDEF-GHJKM")
    assert b"ACDEF" not in token
    settings.SECRET_KEY = "another-secret-key-" + "x" * 50
    assert decrypt(token) == b"ACDEF-GHJKM"


def test_a_wrong_key_reads_nothing_and_an_old_key_still_does(settings: Any) -> None:
    token = encrypt(b"secret codes")
    old_key = settings.DATA_ENCRYPTION_KEY
    settings.DATA_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(DecryptionFailed):
        decrypt(token)
    settings.DATA_ENCRYPTION_OLD_KEYS = [old_key]
    assert decrypt(token) == b"secret codes"
    assert decrypt(encrypt(b"new")) == b"new"  # new values use the new key


def test_the_codes_of_a_batch_are_sealed_with_the_data_key(iit_batch: Any, settings: Any) -> None:
    from prongsai.surveys.selectors import sealed_codes_to_print

    batch, codes = iit_batch
    assert sealed_codes_to_print(batch) == codes
    settings.DATA_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(DecryptionFailed):
        sealed_codes_to_print(batch)


@pytest.fixture
def iit_batch(assessment: Any) -> Any:
    from prongsai.surveys.models import Campaign
    from prongsai.surveys.services import code_batch_create

    campaign = Campaign.objects.get(assessment=assessment, instrument="IIT")
    new = code_batch_create(actor="tests", campaign=campaign, count=3)
    return new.batch, new.codes
