import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from congresses import services
from congresses.choices import CongressLevelKind, DelegateCategory, EventForm, EventState
from congresses.models import CongressEvent
from congresses.selectors import delegate_mix

pytestmark = pytest.mark.django_db

CORE, GUEST = DelegateCategory.WORKER, DelegateCategory.GUEST


def _add(event, actor, category=CORE, n=1, **kw):
    for i in range(n):
        defaults = {"full_name": f"Hoàng Văn Thử {i}", "gender": "male", "ethnicity": "Tày"}
        services.delegate_add(event=event, actor=actor, category=category, **{**defaults, **kw})


def test_events_are_generated_once_per_unit_of_the_tree_in_force(plan, tree):
    events = {e.unit_id: e for e in CongressEvent.objects.select_related("level", "parent")}
    assert set(events) == {
        tree.province.pk,
        tree.cao_loc.pk,
        tree.city.pk,
        tree.cao_lau.pk,
        tree.xuat_le.pk,
        tree.hoang_dong.pk,
    }  # neither the Ban TĐKT (an office) nor the communes of 2025
    assert events[tree.cao_lau.pk].level.kind == CongressLevelKind.BASE
    assert events[tree.cao_lau.pk].deadline == datetime.date(2020, 3, 31)
    assert events[tree.cao_lau.pk].parent.unit == tree.cao_loc
    assert events[tree.cao_loc.pk].level.kind == CongressLevelKind.DISTRICT
    assert events[tree.cao_loc.pk].parent.unit == tree.province
    assert events[tree.province.pk].parent is None
    assert services.plan_generate_events(plan=plan) == 0


def test_generation_follows_the_tree_of_the_plans_date(plan, tree):
    plan.tree_on = datetime.date(2025, 8, 1)
    plan.save()
    assert services.plan_generate_events(plan=plan) == 2
    ba_son = plan.events.get(unit=tree.ba_son)
    assert ba_son.level.kind == CongressLevelKind.BASE
    assert ba_son.parent.unit == tree.province


def test_cap_refuses_delegate_number_n_plus_one_with_a_clear_message(
    plan, tree, officers, event_of
):
    event = event_of(tree.cao_loc)
    event.level.max_delegates = 3
    event.level.save()
    _add(event, officers.cao_loc, n=3)
    with pytest.raises(ValidationError) as refused:
        _add(event, officers.cao_loc)
    assert refused.value.messages == [
        "Hội nghị, đại hội này có tối đa 3 đại biểu: không thể thêm đại biểu thứ 4."
    ]
    assert event.delegates.count() == 3


def test_the_70_30_rule_blocks_confirming_the_list_with_its_reasons(plan, tree, officers, event_of):
    event = event_of(tree.cao_lau)
    _add(event, officers.cao_lau, CORE, 2)
    _add(event, officers.cao_lau, GUEST, 2)
    mix = delegate_mix(event=event)
    assert (mix.core.percent, mix.guests.percent) == (50.0, 50.0)
    assert not mix.core.ok
    assert not mix.guests.ok
    with pytest.raises(ValidationError) as refused:
        services.event_list_confirm(event=event, actor=officers.cao_lau)
    assert refused.value.messages == [
        "Đại biểu là công nhân, nông dân, người trực tiếp sản xuất, công tác, nghiên cứu khoa "
        "học, điển hình tiên tiến chiếm 50 %; kế hoạch yêu cầu ít nhất 70 %.",
        "Đại biểu khách mời và lãnh đạo chiếm 50 %; kế hoạch cho phép tối đa 30 %.",
    ]
    event.refresh_from_db()
    assert event.list_confirmed_at is None
    _add(event, officers.cao_lau, CORE, 3)  # 5 of 7 = 71.4 %
    services.event_list_confirm(event=event, actor=officers.cao_lau)
    event.refresh_from_db()
    assert event.list_confirmed_by == officers.cao_lau
    with pytest.raises(ValidationError):
        _add(event, officers.cao_lau)


def test_shares_are_configurable_per_level(plan, tree, officers, event_of):
    event = event_of(tree.cao_lau)
    services.level_update(
        level=event.level, actor=officers.province, min_core_share=50, max_guest_share=50
    )
    event.refresh_from_db()
    _add(event, officers.cao_lau, CORE, 1)
    _add(event, officers.cao_lau, GUEST, 1)
    assert delegate_mix(event=event).problems == []


def test_meter_reports_women_minorities_and_young(plan, tree, officers, event_of):
    event = event_of(tree.cao_lau)  # ages counted in 2020 (the deadline's year)
    _add(event, officers.cao_lau, full_name="Nông Thị Hoa", gender="female", birth_year=1990)
    _add(event, officers.cao_lau, full_name="Lê Văn Nam", ethnicity="Kinh", birth_year=1989)
    _add(event, officers.cao_lau, full_name="Lý Văn Sáng", ethnicity="Nùng", birth_year=1960)
    mix = delegate_mix(event=event)
    assert (mix.women.count, mix.minorities.count, mix.young.count) == (1, 2, 1)
    plan.young_age = 31
    plan.save()
    event.plan.young_age = 31
    assert delegate_mix(event=event).young.count == 2


def test_recording_the_event_checks_the_form_of_its_level(plan, tree, officers, event_of):
    event = event_of(tree.cao_loc)
    with pytest.raises(ValidationError) as refused:
        services.event_record_held(
            event=event,
            actor=officers.cao_loc,
            held_on=datetime.date(2020, 6, 1),
            form=EventForm.HONOUR_GOOD_DEEDS,
        )
    assert "form" in refused.value.message_dict
    services.event_record_held(
        event=event,
        actor=officers.cao_loc,
        held_on=datetime.date(2020, 7, 2),
        form=EventForm.CONGRESS,
        attendance=250,
        report="Đại hội thành công tốt đẹp.",
    )
    event.refresh_from_db()
    assert event.recorded_by == officers.cao_loc
    assert event.state_on(datetime.date(2020, 7, 10)) == EventState.LATE
    assert event.state_on(datetime.date(2020, 6, 15)) == EventState.PENDING
    assert event.state_on(datetime.date(2020, 7, 1)) == EventState.OVERDUE


def test_attendance_over_the_cap_is_refused(plan, tree, officers, event_of):
    with pytest.raises(ValidationError) as refused:
        services.event_record_held(
            event=event_of(tree.cao_loc),
            actor=officers.cao_loc,
            held_on=datetime.date(2020, 6, 1),
            form=EventForm.CONGRESS,
            attendance=301,
        )
    assert refused.value.message_dict["attendance"] == [
        "Hội nghị, đại hội này có tối đa 300 đại biểu."
    ]


def test_a_unit_cannot_change_another_units_event(plan, tree, officers, event_of):
    with pytest.raises(PermissionDenied):
        _add(event_of(tree.cao_lau), officers.xuat_le)
    with pytest.raises(PermissionDenied):
        services.plan_generate_events(plan=plan, actor=officers.cao_loc)
    _add(event_of(tree.cao_lau), officers.cao_loc)  # the district above may help


def test_list_sent_upward_respects_seats_and_is_approved_with_who_and_when(
    plan, tree, officers, event_of
):
    event = event_of(tree.cao_lau)
    event.upward_quota = 1
    event.save()
    _add(event, officers.cao_lau, n=2)
    first, second = event.delegates.all()
    services.delegate_send_upward(delegate=first, actor=officers.cao_lau, sent=True)
    with pytest.raises(ValidationError) as refused:
        services.delegate_send_upward(delegate=second, actor=officers.cao_lau, sent=True)
    assert "1" in refused.value.messages[0]
    with pytest.raises(ValidationError):  # not held yet
        services.event_upward_approve(event=event, actor=officers.cao_lau_leader)
    services.event_record_held(
        event=event,
        actor=officers.cao_lau,
        held_on=datetime.date(2020, 3, 20),
        form=EventForm.HONOUR_WORKERS,
    )
    services.event_upward_approve(event=event, actor=officers.cao_lau_leader)
    event.refresh_from_db()
    assert event.upward_approved_by == officers.cao_lau_leader
    assert event.upward_approved_at is not None
    assert event.state_on(datetime.date(2020, 4, 1)) == EventState.ON_TIME
    with pytest.raises(ValidationError):
        services.delegate_send_upward(delegate=first, actor=officers.cao_lau, sent=False)


def test_agenda_is_replaced_in_order(plan, officers):
    services.agenda_replace(plan=plan, actor=officers.province, items=["Chào cờ.", " ", "Bế mạc."])
    assert list(plan.agenda.values_list("text", flat=True)) == ["Chào cờ.", "Bế mạc."]
    with pytest.raises(ValidationError):
        services.agenda_replace(plan=plan, actor=officers.province, items=[""])
    assert plan.agenda.count() == 2


def test_moving_a_levels_deadline_moves_it_on_events_not_held(plan, tree, officers, event_of):
    level = event_of(tree.cao_lau).level
    services.level_update(level=level, actor=officers.province, deadline=datetime.date(2020, 4, 30))
    assert event_of(tree.cao_lau).deadline == datetime.date(2020, 4, 30)


def _sent_up(event, officers, names):
    """`names` sent from the commune's event to the district's, the list approved."""
    for name in names:
        _add(event, officers.cao_lau, full_name=name, birth_year=1990)
    for delegate in event.delegates.all():
        services.delegate_send_upward(delegate=delegate, actor=officers.cao_lau, sent=True)
    services.event_record_held(
        event=event,
        actor=officers.cao_lau,
        held_on=datetime.date(2020, 3, 20),
        form=EventForm.CONGRESS,
    )
    services.event_upward_approve(event=event, actor=officers.cao_lau_leader)


def test_the_district_takes_a_communes_approved_list_onto_its_own(plan, tree, officers, event_of):
    commune, district = event_of(tree.cao_lau), event_of(tree.cao_loc)
    # Not yet approved: refused.
    _add(commune, officers.cao_lau, full_name="Lăng Thị Sớm", birth_year=1990)
    with pytest.raises(ValidationError):
        services.delegates_take_from_below(event=district, child=commune, actor=officers.cao_loc)
    commune.delegates.all().delete()
    _sent_up(commune, officers, ["Hoàng Văn Một", "Vi Thị Hai", "Lăng Văn Ba"])
    # Two of them are already on the district's list, typed in by hand: one with the same
    # birth year, one without a birth year.
    _add(district, officers.cao_loc, full_name="Vi Thị Hai", birth_year=1990)
    _add(district, officers.cao_loc, full_name="Lăng Văn Ba")
    taken = services.delegates_take_from_below(
        event=district, child=commune, actor=officers.cao_loc
    )
    assert (taken.added, taken.already_on_list) == (1, ["Vi Thị Hai", "Lăng Văn Ba"])
    assert sorted(district.delegates.values_list("full_name", flat=True)) == [
        "Hoàng Văn Một",
        "Lăng Văn Ba",
        "Vi Thị Hai",
    ]
    taken = district.delegates.get(full_name="Hoàng Văn Một")
    assert (taken.category, taken.ethnicity, taken.birth_year, taken.sent_upward) == (
        CORE,
        "Tày",
        1990,
        False,
    )
    # Taking it again adds nobody, and names them all.
    again = services.delegates_take_from_below(
        event=district, child=commune, actor=officers.cao_loc
    )
    assert (again.added, len(again.already_on_list)) == (0, 3)


def test_taking_a_list_is_all_or_none_within_the_seats(plan, tree, officers, event_of):
    commune, district = event_of(tree.cao_lau), event_of(tree.cao_loc)
    _sent_up(commune, officers, ["Hoàng Văn Một", "Vi Thị Hai"])
    district.level.max_delegates = 2
    district.level.save()
    _add(district, officers.cao_loc, full_name="Khách Mời", category=GUEST)
    with pytest.raises(ValidationError) as refused:
        services.delegates_take_from_below(event=district, child=commune, actor=officers.cao_loc)
    # The message says nobody was added, not that the second could not be.
    assert refused.value.messages == [
        "Xã Cao Lâu cử 2 đại biểu chưa có trong danh sách, nhưng hội nghị, đại hội này chỉ còn "
        "1 chỗ (tối đa 2 đại biểu): chưa đưa ai vào danh sách."
    ]
    assert list(district.delegates.values_list("full_name", flat=True)) == ["Khách Mời"]


def test_only_the_event_above_takes_a_list(plan, tree, officers, event_of):
    commune = event_of(tree.cao_lau)
    _sent_up(commune, officers, ["Hoàng Văn Một"])
    # The city's event is not the commune's parent; the commune's officer may not edit the
    # district's event.
    with pytest.raises(ValidationError):
        services.delegates_take_from_below(
            event=event_of(tree.city), child=commune, actor=officers.province
        )
    with pytest.raises(PermissionDenied):
        services.delegates_take_from_below(
            event=event_of(tree.cao_loc), child=commune, actor=officers.cao_lau
        )
