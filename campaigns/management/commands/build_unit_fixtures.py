"""Development-only: regenerate fixtures/units.json from the `vietnam-provinces` package.

vietnam-provinces is GPL-3.0 and is NOT a runtime dependency: install it only to run this
command (`pip install -e ".[fixtures]"` or `pip install vietnam-provinces==2026.9.0`). The
portal itself only ever reads the committed JSON file.

Primary keys are deterministic so that `loaddata` is idempotent:
  province 1; provincial bodies 10–99; districts 1000 + code; district offices 2000 + code;
  communes before the reform 100000 + code; communes and wards from 1/7/2025 200000 + code.
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from documents.text import fold

REFORM_FROM = datetime.date(2025, 7, 1)
OLD_TO = datetime.date(2025, 6, 30)
KIND_BY_TYPE = {
    "tỉnh": "province",
    "huyện": "district",
    "thành phố": "city",
    "thị xã": "city",
    "xã": "commune",
    "phường": "ward",
    "thị trấn": "township",
}

# Provincial bodies named in the seeds (pk, name, kind, parent pk, standing office for,
# valid_to, successor pk). Parent 1 is the province.
BODIES = [
    (10, "Tỉnh ủy Lạng Sơn", "organisation", 1, None, None),
    (11, "Hội đồng nhân dân tỉnh Lạng Sơn", "agency", 1, None, None),
    (12, "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn", "organisation", 1, None, None),
    (20, "Sở Nội vụ", "department", 1, None, None),
    (21, "Ban Thi đua - Khen thưởng", "department", 20, 1, None),
    (22, "Sở Giáo dục và Đào tạo", "department", 1, None, None),
    (23, "Sở Văn hóa, Thể thao và Du lịch", "department", 1, None, None),
    # Merged into Sở Khoa học và Công nghệ on 01/3/2025 (provincial department reform).
    (24, "Sở Thông tin và Truyền thông", "department", 1, None, datetime.date(2025, 2, 28)),
    (25, "Sở Tài chính", "department", 1, None, None),
    (26, "Sở Khoa học và Công nghệ", "department", 1, None, None),
    (30, "Công an tỉnh Lạng Sơn", "agency", 1, None, None),
    (31, "Tòa án nhân dân tỉnh Lạng Sơn", "agency", 1, None, None),
    (40, "Tỉnh Đoàn Lạng Sơn", "organisation", 1, None, None),
    (50, "Báo Lạng Sơn", "agency", 1, None, None),
    (51, "Đài Phát thanh - Truyền hình tỉnh Lạng Sơn", "agency", 1, None, None),
]
BODY_SUCCESSIONS = [(24, 26, True, datetime.date(2025, 3, 1))]

# Clusters of seed 004 (2019), each with the pilot unit the seed names among its members.
CLUSTERS = [
    (1, "Cụm văn hóa - xã hội", "cluster", [22, 23, 24, 50, 51]),
    (2, "Cụm các cơ quan Mặt trận Tổ quốc và các đoàn thể", "cluster", [12, 40]),
    (3, "Cụm các cơ quan Nội chính", "cluster", [30, 31]),
]
DISTRICT_BLOC = (4, "Khối các huyện, thành phố", "bloc")


def _unit(pk, name, kind, parent=None, code="", valid_from=None, valid_to=None, office_for=None):
    # The package spells one new commune "xã Bắc Sơn": a name starts with a capital.
    name = name[:1].upper() + name[1:]
    return {
        "model": "campaigns.unit",
        "pk": pk,
        "fields": {
            "name": name,
            "name_folded": fold(name),
            "kind": kind,
            "parent": parent,
            "code": code,
            "place_name": "",
            "valid_from": valid_from.isoformat() if valid_from else None,
            "valid_to": valid_to.isoformat() if valid_to else None,
            "standing_office_for": office_for,
        },
    }


class Command(BaseCommand):
    help = "Regenerate fixtures/units.json (Lạng Sơn, both eras) from vietnam-provinces."

    def add_arguments(self, parser):
        parser.add_argument("--province-code", type=int, default=int(settings.PORTAL_PROVINCE_CODE))
        parser.add_argument(
            "--output", default=str(Path(settings.BASE_DIR) / "fixtures/units.json")
        )

    def handle(self, *args, province_code, output, **options):
        try:
            from vietnam_provinces import Province, Ward
            from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW
            from vietnam_provinces.legacy.base import District
            from vietnam_provinces.legacy.base import Province as LegacyProvince
            from vietnam_provinces.legacy.base import Ward as LegacyWard
        except ImportError as exc:
            raise CommandError(
                "This development command needs the vietnam-provinces package "
                '(GPL-3.0, not a runtime dependency): pip install -e ".[fixtures]"'
            ) from exc

        province = next(p for p in LegacyProvince.iter_all() if int(p.code) == province_code)
        new_province = next(p for p in Province.iter_all() if int(p.code) == province_code)
        objects = [_unit(1, province.name, "province", code=str(province_code))]
        for pk, name, kind, parent, office_for, valid_to in BODIES:
            objects.append(_unit(pk, name, kind, parent, valid_to=valid_to, office_for=office_for))

        districts = sorted(
            (d for d in District.iter_all() if int(d.province_code) == province_code),
            key=lambda d: int(d.code),
        )
        for d in districts:
            dpk = 1000 + int(d.code)
            objects.append(
                _unit(
                    dpk,
                    d.name,
                    KIND_BY_TYPE[str(d.division_type)],
                    1,
                    str(int(d.code)),
                    valid_to=OLD_TO,
                )
            )
            objects.append(
                _unit(
                    2000 + int(d.code),
                    f"Phòng Nội vụ {d.name[0].lower()}{d.name[1:]}",
                    "department",
                    dpk,
                    valid_to=OLD_TO,
                    office_for=dpk,
                )
            )
        district_codes = {int(d.code) for d in districts}
        old_wards = sorted(
            (w for w in LegacyWard.iter_all() if int(w.district_code) in district_codes),
            key=lambda w: int(w.code),
        )
        for w in old_wards:
            objects.append(
                _unit(
                    100000 + int(w.code),
                    w.name,
                    KIND_BY_TYPE[str(w.division_type)],
                    1000 + int(w.district_code),
                    f"{int(w.code):05d}",
                    valid_to=OLD_TO,
                )
            )
        new_wards = sorted(
            (w for w in Ward.iter_all() if int(w.province_code) == int(new_province.code)),
            key=lambda w: int(w.code),
        )
        for w in new_wards:
            objects.append(
                _unit(
                    200000 + int(w.code),
                    w.name,
                    KIND_BY_TYPE[str(w.division_type)],
                    1,
                    f"{int(w.code):05d}",
                    valid_from=REFORM_FROM,
                )
            )

        successions = []
        new_codes = {int(w.code) for w in new_wards}
        for w in old_wards:
            entry = OLD_TO_NEW.get(int(w.code))
            if entry is None:
                raise CommandError(f"No successor recorded for {w.name} ({w.code}).")
            for new in entry.new_wards:
                if int(new.code) not in new_codes:
                    raise CommandError(f"{w.name}: successor {new.code} outside the province.")
                successions.append(
                    (
                        100000 + int(w.code),
                        200000 + int(new.code),
                        entry.old_ward.is_partly_merged,
                        REFORM_FROM,
                    )
                )
        successions.extend(BODY_SUCCESSIONS)
        for i, (pred, succ, partial, effective) in enumerate(sorted(successions), start=1):
            objects.append(
                {
                    "model": "campaigns.unitsuccession",
                    "pk": i,
                    "fields": {
                        "predecessor": pred,
                        "successor": succ,
                        "partial": partial,
                        "effective_on": effective.isoformat(),
                    },
                }
            )

        for pk, name, kind, members in CLUSTERS:
            objects.append(
                {
                    "model": "campaigns.cluster",
                    "pk": pk,
                    "fields": {
                        "name": name,
                        "kind": kind,
                        "year": 2019,
                        "members": members,
                        "leading_unit": None,
                    },
                }
            )
        bloc_pk, bloc_name, bloc_kind = DISTRICT_BLOC
        objects.append(
            {
                "model": "campaigns.cluster",
                "pk": bloc_pk,
                "fields": {
                    "name": bloc_name,
                    "kind": bloc_kind,
                    "year": 2019,
                    "members": [1000 + int(d.code) for d in districts],
                    "leading_unit": None,
                },
            }
        )

        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(
            json.dumps(objects, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        self.stdout.write(
            f"{len(districts)} district-level units, {len(old_wards)} communes before "
            f"1/7/2025, {len(new_wards)} from 1/7/2025, {len(successions)} successions "
            f"-> {output}"
        )
