from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from awards.models import (
    Award,
    AwardCoefficient,
    AwardCriterion,
    AwardForm,
    AwardFormDocument,
    AwardQuota,
    BaseSalary,
    BlockingFlag,
    CampaignAward,
    LegalBasis,
    Person,
)


class AwardFormDocumentInline(admin.TabularInline):
    model = AwardFormDocument
    extra = 0


class AwardCoefficientInline(admin.TabularInline):
    model = AwardCoefficient
    extra = 0
    autocomplete_fields = ["legal_basis"]


@admin.register(AwardForm)
class AwardFormAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "authority_level", "signer_title", "valid_from", "valid_to"]
    list_filter = ["kind", "authority_level", "has_certificate", "simplified_procedure"]
    search_fields = ["name", "code", "family", "signer_title"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [AwardCoefficientInline, AwardFormDocumentInline]
    fieldsets = [
        (None, {"fields": ["code", "name", "family", "kind", "order", "note"]}),
        (_("Subjects"), {"fields": ["for_individuals", "for_collectives", "for_households"]}),
        (_("Authority"), {"fields": ["authority_level", "signer_title", "valid_from", "valid_to"]}),
        (
            _("Procedure"),
            {
                "fields": [
                    "has_certificate",
                    "simplified_procedure",
                    ("quorum_numerator", "quorum_denominator"),
                    ("vote_threshold_percent", "vote_threshold_inclusive"),
                    "posting_days",
                ]
            },
        ),
    ]


@admin.register(AwardCoefficient)
class AwardCoefficientAdmin(admin.ModelAdmin):
    list_display = ["form", "subject_kind", "coefficient", "valid_from", "valid_to", "legal_basis"]
    list_filter = ["subject_kind", "form"]
    search_fields = ["form__name", "legal_basis__number"]
    autocomplete_fields = ["form", "legal_basis"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ["amount", "valid_from", "valid_to", "legal_basis"]
    search_fields = ["legal_basis__number"]
    list_filter = ["valid_from"]
    autocomplete_fields = ["legal_basis"]


@admin.register(LegalBasis)
class LegalBasisAdmin(admin.ModelAdmin):
    list_display = ["__str__", "issued_on", "in_force_from", "in_force_to", "cited_in_decisions"]
    list_filter = ["doc_type", "cited_in_decisions"]
    search_fields = ["number", "title", "citation"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "birth_year", "gender", "unit", "citizen_id_masked"]
    list_filter = ["gender"]
    search_fields = ["full_name", "name_folded"]
    autocomplete_fields = ["unit"]
    list_select_related = ["unit"]

    @admin.display(description=_("citizen ID number"))
    def citizen_id_masked(self, obj):
        return obj.citizen_id_masked


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["recipient_name", "subject_kind", "form", "unit", "decision_date", "revoked"]
    list_filter = ["subject_kind", "revoked", "form", "decision_date"]
    search_fields = ["recipient_name", "recipient_name_folded", "decision_number"]
    date_hierarchy = "decision_date"
    autocomplete_fields = ["person", "unit", "proposing_unit", "form"]
    raw_id_fields = ["campaign"]
    list_select_related = ["form", "unit"]


@admin.register(BlockingFlag)
class BlockingFlagAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "starts_on", "ends_on"]
    list_filter = ["kind"]
    search_fields = ["person__full_name", "unit__name", "note"]
    autocomplete_fields = ["person", "unit"]
    list_select_related = ["person", "unit"]


class AwardCriterionInline(admin.StackedInline):
    model = AwardCriterion
    extra = 0


class AwardQuotaInline(admin.TabularInline):
    model = AwardQuota
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(CampaignAward)
class CampaignAwardAdmin(admin.ModelAdmin):
    list_display = ["campaign", "form", "order", "quota"]
    list_filter = ["form"]
    search_fields = ["campaign__title", "form__name"]
    autocomplete_fields = ["form"]
    raw_id_fields = ["campaign"]
    list_select_related = ["campaign", "form"]
    inlines = [AwardCriterionInline, AwardQuotaInline]


@admin.register(AwardCriterion)
class AwardCriterionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "subject_category"]
    list_filter = ["subject_category"]
    search_fields = ["text", "offer__form__name", "offer__campaign__title"]
    list_select_related = ["offer__form"]


@admin.register(AwardQuota)
class AwardQuotaAdmin(admin.ModelAdmin):
    list_display = ["offer", "unit", "max_count"]
    list_filter = ["offer__form"]
    search_fields = ["unit__name", "offer__campaign__title"]
    autocomplete_fields = ["unit"]
    list_select_related = ["offer__form", "offer__campaign", "unit"]
