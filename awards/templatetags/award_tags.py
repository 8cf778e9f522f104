from django import template

from awards.selectors import campaign_award_outline, campaign_offers

register = template.Library()


@register.simple_tag
def award_outline(campaign, prefix="2"):
    """{% award_outline campaign as outline %}: the numbered award section of the document."""
    return campaign_award_outline(campaign, prefix)


@register.simple_tag
def award_offers(campaign):
    """{% award_offers campaign as offers %}: offers with criteria and quotas, prefetched."""
    return campaign_offers(campaign)


@register.simple_tag(takes_context=True)
def may_edit_campaign_awards(context, campaign):
    """Whether the signed-in user may edit the campaign's awards (no query per row)."""
    from campaigns.services import may_edit

    request = context.get("request")
    return bool(request) and may_edit(campaign=campaign, actor=request.user)
