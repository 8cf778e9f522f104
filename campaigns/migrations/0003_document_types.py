"""Nghị định 30's document types (Phụ lục III) and the local PĐ, so they exist everywhere."""

from django.db import migrations

# (abbreviation, name, offered for campaigns)
TYPES = [
    ("KH", "KẾ HOẠCH", True),
    ("PĐ", "PHÁT ĐỘNG", True),
    ("CTr", "CHƯƠNG TRÌNH", True),
    ("HD", "HƯỚNG DẪN", True),
    ("QĐ", "QUYẾT ĐỊNH", False),
    ("TTr", "TỜ TRÌNH", False),
    ("BB", "BIÊN BẢN", False),
    ("BC", "BÁO CÁO", False),
    ("TB", "THÔNG BÁO", False),
    ("QyĐ", "QUY ĐỊNH", False),
    ("QC", "QUY CHẾ", False),
    ("PA", "PHƯƠNG ÁN", False),
    ("ĐA", "ĐỀ ÁN", False),
    ("CT", "CHỈ THỊ", False),
    ("NQ", "NGHỊ QUYẾT", False),
    ("CV", "CÔNG VĂN", False),
]


def create_types(apps, schema_editor):
    DocumentType = apps.get_model("campaigns", "DocumentType")
    for position, (abbreviation, name, for_campaigns) in enumerate(TYPES):
        DocumentType.objects.update_or_create(
            abbreviation=abbreviation,
            defaults={"name": name, "for_campaigns": for_campaigns, "position": position},
        )


def remove_types(apps, schema_editor):
    DocumentType = apps.get_model("campaigns", "DocumentType")
    DocumentType.objects.filter(abbreviation__in=[t[0] for t in TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0002_campaigns_and_registers")]

    operations = [migrations.RunPython(create_types, remove_types)]
