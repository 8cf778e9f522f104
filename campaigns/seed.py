"""The campaigns of the seed documents (000-003) and seed 003's chain, for `seed_demo`.

The text lives in fixtures/campaigns/campaigns.json, transcribed from the seeds with seed
000's lost letters restored. Units are looked up in the unit fixture (loaded before).
Idempotent: each campaign is found again by its `seed_key` and rewritten.
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from campaigns.choices import CampaignStatus
from campaigns.models import (
    Campaign,
    CampaignIssuer,
    CampaignItem,
    CampaignOccasion,
    CampaignRecipient,
    CampaignSection,
    CampaignTask,
    DocumentType,
    ItemTarget,
    Unit,
)
from campaigns.services import CAMPAIGN_OBJECT_TYPE, issuer_defaults, register_record
from documents.text import fold

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "campaigns" / "campaigns.json"

_SCALARS = [
    "number",
    "issue_year",
    "issue_month",
    "issue_day",
    "place",
    "title",
    "kind",
    "preamble",
    "purpose",
    "meaning",
    "requirements",
    "period_end_event",
    "period_text",
    "theme",
    "content_intro",
    "solutions",
    "closing",
    "signer_name",
    "signer_position",
    "signing_mode",
    "signer_collective",
    "signer_head_title",
]


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def find_unit(
    *, name: str = "", code: str = "", on: str | None = None, aliases: list[str] | None = None
) -> Unit:
    """A unit of the fixture by code (in force on `on` when codes repeat across eras), by
    name, or by one of its other spellings."""
    if code:
        qs = Unit.objects.filter(code=code)
        if on:
            qs = qs.in_force(_date(on))
        if unit := qs.order_by("valid_from").first():
            return unit
    names = [fold(n) for n in [name, *(aliases or [])]]
    unit = Unit.objects.filter(name_folded__in=names).order_by("valid_from").first()
    if unit is None:
        raise Unit.DoesNotExist(f"unit not found: {name or code}")
    return unit


def _unit_or_none(name: str | None) -> Unit | None:
    if not name:
        return None
    return Unit.objects.filter(name_folded=fold(name)).first()


def load_data() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@transaction.atomic
def seed_campaigns(data: list[dict] | None = None) -> list[Campaign]:
    """Create or refresh the seed campaigns; parents come before their children in the file."""
    created = []
    by_key: dict[str, Campaign] = {}
    for row in data or load_data():
        fields = {name: row.get(name, "") for name in _SCALARS}
        for name in ("number", "issue_year", "issue_month", "issue_day"):
            fields[name] = row.get(name)
        fields["doc_type"] = DocumentType.objects.get(abbreviation=row["doc_type"])
        fields["period_start"] = _date(row.get("period_start"))
        fields["period_end"] = _date(row.get("period_end"))
        fields["parent"] = by_key.get(row.get("parent")) or (
            Campaign.objects.filter(seed_key=row["parent"]).first() if row.get("parent") else None
        )
        campaign = Campaign.objects.filter(seed_key=row["seed_key"]).first()
        if campaign is None:
            campaign = Campaign(
                seed_key=row["seed_key"], status=row.get("status", CampaignStatus.PUBLISHED)
            )
        for name, value in fields.items():
            setattr(campaign, name, value)
        campaign.save()
        for related in (
            campaign.issuer_rows,
            campaign.occasions,
            campaign.sections,
            campaign.items,
            campaign.tasks,
            campaign.recipients,
        ):
            related.all().delete()
        for position, issuer in enumerate(row["issuers"]):
            unit = find_unit(**issuer["unit"])
            defaults = issuer_defaults(unit)
            defaults.update({k: v for k, v in issuer.items() if k != "unit"})
            CampaignIssuer.objects.create(
                campaign=campaign, unit=unit, position=position, **defaults
            )
        for position, occasion in enumerate(row.get("occasions", [])):
            CampaignOccasion.objects.create(
                campaign=campaign,
                position=position,
                name=occasion["name"],
                date=_date(occasion.get("date")),
                anniversary=occasion.get("anniversary", ""),
            )
        for position, section in enumerate(row.get("sections", [])):
            CampaignSection.objects.create(campaign=campaign, position=position, **section)
        for position, item in enumerate(row.get("items", [])):
            saved = CampaignItem.objects.create(
                campaign=campaign, position=position, heading=item["heading"], text=item["text"]
            )
            for t_position, target in enumerate(item.get("targets", [])):
                ItemTarget.objects.create(item=saved, position=t_position, **target)
        for position, task in enumerate(row.get("tasks", [])):
            CampaignTask.objects.create(
                campaign=campaign,
                position=position,
                unit=_unit_or_none(task.get("unit")),
                actor=task.get("actor", ""),
                duty=task["duty"],
            )
        for position, line in enumerate(row.get("recipients", [])):
            CampaignRecipient.objects.create(campaign=campaign, position=position, text=line)
        if campaign.number:
            register_record(
                unit=campaign.issuer_rows.order_by("position").first().unit,
                doc_type=campaign.doc_type,
                year=campaign.issue_year,
                number=campaign.number,
                issued_on=campaign.issue_date,
                object_type=CAMPAIGN_OBJECT_TYPE,
                object_id=campaign.pk,
                summary=campaign.title,
            )
        by_key[row["seed_key"]] = campaign
        created.append(campaign)
    return created
