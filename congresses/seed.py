"""Seed 004 transcribed in full: the province's plan of emulation congresses for 2020, with its
levels, agenda, pilot units (by cluster) and duties. Units and clusters come from the unit
fixture (loaded before), looked up by name. Idempotent: the plan is found again by its
`seed_key` and rewritten; its events are generated for the tree in force on `tree_on`.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from campaigns.models import Cluster, Unit
from congresses.choices import FORMS_OF_LEVEL, CongressLevelKind, SectionPart
from congresses.models import (
    AgendaItem,
    CongressLevel,
    CongressPlan,
    ImplementationDuty,
    PilotUnit,
    PlanSection,
)
from congresses.services import plan_generate_events
from documents.text import fold

SEED_KEY = "seed-004"

TITLE = (
    "Tổ chức Hội nghị biểu dương điển hình tiên tiến các cấp\n"
    "và Đại hội Thi đua yêu nước tỉnh Lạng Sơn lần thứ V\n"
    "tiến tới Đại hội Thi đua yêu nước toàn quốc lần thứ X"
)

PREAMBLE = (
    "Thực hiện Kế hoạch số 19/KH-HĐTĐKT ngày 24/5/2019 của Hội đồng Thi đua - Khen thưởng "
    "Trung ương và Hướng dẫn số 1149/HD-BTĐKTTW ngày 18/6/2019 của Ban Thi đua - Khen thưởng "
    "Trung ương về tổ chức Đại hội Thi đua yêu nước các cấp tiến tới Đại hội Thi đua yêu nước "
    "toàn quốc lần thứ X, UBND tỉnh Lạng Sơn xây dựng Kế hoạch tổ chức Hội nghị biểu dương "
    "điển hình tiên tiến các cấp và Đại hội Thi đua yêu nước tỉnh Lạng Sơn lần thứ V tiến tới "
    "Đại hội Thi đua yêu nước toàn quốc lần thứ X với nội dung như sau:"
)

PURPOSE = [
    "1. Khơi dậy và phát huy cao độ truyền thống thi đua yêu nước, ý thức tự giác, sức sáng tạo "
    "của quần chúng Nhân dân trên mọi lĩnh vực đời sống xã hội, tạo động lực to lớn thúc đẩy "
    "thực hiện hoàn thành thắng lợi các nhiệm vụ, chỉ tiêu kinh tế - xã hội 05 năm (2016 - 2020) "
    "theo tinh thần Nghị quyết Đại hội toàn quốc lần thứ XII của Đảng, Nghị quyết Đại hội Đảng "
    "bộ tỉnh lần thứ XVI.",
    "2. Đánh giá kết quả phong trào thi đua yêu nước giai đoạn từ năm 2016 đến năm 2020; đánh "
    "giá đúng kết quả và tác dụng của phong trào thi đua yêu nước, chỉ ra những tồn tại, hạn chế "
    "cần khắc phục, đề ra phương hướng đẩy mạnh phong trào thi đua yêu nước và công tác khen "
    "thưởng trong giai đoạn mới. Đặc biệt nhằm tạo sự chuyển biến mạnh mẽ trong tổ chức phong "
    "trào thi đua yêu nước, công tác khen thưởng trong thời kỳ đẩy mạnh công nghiệp hóa - hiện "
    "đại hóa đất nước và chủ động hội nhập quốc tế theo tinh thần Chỉ thị số 34-CT/TW ngày "
    "07/4/2014 của Bộ Chính trị.",
    "3. Biểu dương thành quả chung của phong trào thi đua yêu nước, khen thưởng cho các tập thể, "
    "cá nhân điển hình tiên tiến xuất sắc của các ngành, các cấp, các tầng lớp Nhân dân trong "
    "phong trào thi đua yêu nước. Qua đó khơi dậy, động viên, cổ vũ sức mạnh của khối Đại đoàn "
    "kết dân tộc, phát huy nội lực, tạo động lực mạnh mẽ thực hiện thắng lợi nhiệm vụ phát triển "
    "kinh tế - xã hội, củng cố quốc phòng, an ninh.",
    "4. Thông qua Hội nghị biểu dương điển hình tiên tiến và Đại hội Thi đua rút ra bài học kinh "
    "nghiệm về tổ chức phong trào thi đua yêu nước và công tác khen thưởng của các cấp, các "
    "ngành; kinh nghiệm về xây dựng và nhân rộng điển hình tiên tiến; tiếp tục đổi mới, đẩy "
    "mạnh các phong trào thi đua và công tác khen thưởng theo tinh thần Chỉ thị số 34-CT/TW của "
    "Bộ Chính trị và thực hiện tốt Luật Thi đua, khen thưởng.",
    "5. Việc tổ chức Hội nghị biểu dương điển hình tiên tiến và Đại hội Thi đua yêu nước bảo đảm "
    "trang trọng, thiết thực, thực hành tiết kiệm, tránh phô trương, hình thức.",
]

FOCUS = [
    "- Đẩy mạnh công tác tuyên truyền tư tưởng về thi đua yêu nước của Chủ tịch Hồ Chí Minh, các "
    "chủ trương, chính sách của Đảng, pháp luật của Nhà nước về thi đua, khen thưởng (TĐKT). Các "
    "cơ quan thông tin truyền thông tập trung tuyên truyền về Đại hội Thi đua, biểu dương ghi "
    "nhận những thành quả của phong trào thi đua yêu nước trên tất cả các lĩnh vực của đời sống "
    "xã hội, an ninh, quốc phòng của tỉnh; mở rộng nhiều hình thức tuyên truyền, biểu dương các "
    "điển hình tiên tiến, các nhân tố mới, gương người tốt, việc tốt, tạo không khí sôi nổi, "
    "chào mừng các ngày kỷ niệm lớn trong năm 2019 và năm 2020, chào mừng Đại hội Đảng bộ tỉnh "
    "lần thứ XVII và Đại hội Thi đua yêu nước tỉnh Lạng Sơn lần thứ V, tiến tới Đại hội Thi đua "
    "yêu nước toàn quốc lần thứ X.",
    "- Phát động phong trào thi đua sâu rộng trong toàn Đảng, toàn quân, toàn dân gắn với học tập "
    "và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, nhằm phát huy sức mạnh của cả hệ "
    "thống chính trị, tạo sự đồng tâm hợp lực của toàn xã hội. Phong trào thi đua phải tập trung "
    "giải quyết những nhiệm vụ cụ thể, thiết thực của từng ngành, từng cấp, từng đơn vị và từng "
    "lĩnh vực công tác nhằm thực hiện thắng lợi Nghị quyết Đại hội toàn quốc lần thứ XII của "
    "Đảng, Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI và mục tiêu tổng quát của Kế hoạch phát "
    "triển kinh tế - xã hội giai đoạn 2016 - 2020. Tập trung chỉ đạo, triển khai có hiệu quả các "
    "Phong trào thi đua trọng tâm như: “Lạng Sơn cùng cả nước chung sức xây dựng nông thôn mới”, "
    "“Lạng Sơn cùng cả nước chung tay vì người nghèo, không để ai bị bỏ lại phía sau”, “Doanh "
    "nghiệp Lạng Sơn hội nhập và phát triển”. Đồng thời biểu dương, khen thưởng các tập thể, cá "
    "nhân tiêu biểu xuất sắc trong thực hiện các phong trào thi đua.",
    "- Tiếp tục quán triệt, tổ chức thực hiện tốt Luật TĐKT và các hướng dẫn thi hành, nâng cao "
    "nhận thức và tinh thần trách nhiệm chấp hành tốt các quy định của pháp luật về TĐKT. Tập "
    "trung nghiên cứu, xây dựng các văn bản quy phạm pháp luật về TĐKT, tạo hành lang pháp lý để "
    "công tác TĐKT thực sự là động lực trong thực hiện nhiệm vụ chính trị và ngày càng đi vào "
    "cuộc sống.",
    "- Chú trọng việc phát hiện các điển hình và nhân tố mới thực sự tiêu biểu trong các phong "
    "trào thi đua yêu nước, được quần chúng, tập thể suy tôn để biểu dương, tôn vinh kịp thời và "
    "đề nghị các hình thức khen thưởng phù hợp, xứng đáng. Đồng thời có kế hoạch bồi dưỡng, nhân "
    "rộng để các điển hình tiêu biểu được lan tỏa thực sự hiệu quả trong cuộc sống.",
]

LEVELS = [
    {
        "kind": CongressLevelKind.BASE,
        "numeral": "2.1",
        "heading": "Đối với cấp xã, phường, thị trấn; các đơn vị trực thuộc sở, ngành "
        "(gọi tắt là cấp cơ sở)",
        "deadline": datetime.date(2020, 3, 31),
        "duration": "1/2 ngày",
        "max_delegates": None,
        # The lines on form, time and number ("- Hình thức: …", "- Thời gian: 1/2 ngày, hoàn
        # thành trong quý I/2020.", "- Thành phần, số lượng đại biểu:") are written from the
        # fields (CongressLevel.rule_paragraphs); the text holds the rest.
        "body": [
            "+ Đơn vị có dưới 200 cán bộ, công chức, viên chức, người lao động thì tổ chức Hội "
            "nghị toàn thể. Đơn vị có trên 200 cán bộ, công chức, viên chức, người lao động thì "
            "tổ chức Hội nghị đại biểu, số lượng đại biểu do đơn vị tổ chức quyết định trên cơ sở "
            "đề xuất của Thường trực Hội đồng TĐKT.",
            "+ Thành phần: Đại biểu khách mời; đại diện lãnh đạo cấp ủy, chính quyền; đại diện "
            "tập thể và cá nhân Anh hùng Lao động, Anh hùng Lực lượng vũ trang nhân dân, Chiến sĩ "
            "thi đua, điển hình tiên tiến tiêu biểu xuất sắc, trong đó số lượng đại biểu là: "
            "Công nhân, nông dân, người trực tiếp sản xuất, công tác, nghiên cứu khoa học, những "
            "người lao động giỏi, lao động sáng tạo, gương người tốt, việc tốt chiếm 70% trong "
            "tổng số đại biểu triệu tập. Đại biểu khách mời và đại diện lãnh đạo các cấp, các "
            "ngành có liên quan chiếm 30%.",
        ],
    },
    {
        "kind": CongressLevelKind.DISTRICT,
        "numeral": "2.2",
        "heading": "Đối với cấp huyện, thành phố và sở, ban, ngành, đoàn thể tỉnh và doanh nghiệp",
        "deadline": datetime.date(2020, 6, 30),
        "duration": "1/2 ngày",
        "max_delegates": 300,
        "body": [
            "+ Đối với cấp huyện, thành phố: Đại biểu dự Hội nghị là những người có thành tích "
            "xuất sắc trong sản xuất, công tác, là tấm gương điển hình tiên tiến do tập thể lãnh "
            "đạo cấp ủy, chính quyền, đoàn thể của đơn vị cơ sở lựa chọn theo sự phân bổ đại biểu "
            "của cấp trên; chú trọng lựa chọn người trực tiếp sản xuất, công tác, nghiên cứu khoa "
            "học, đại biểu nữ, dân tộc, đại biểu đại diện các thành phần kinh tế, số lượng đại "
            "biểu này chiếm 70% trong tổng số đại biểu triệu tập. Đại biểu là khách mời và đại "
            "biểu lãnh đạo chiếm 30%.",
            "+ Đối với sở, ban, ngành, đoàn thể tỉnh và doanh nghiệp: Đại biểu dự Hội nghị điển "
            "hình tiên tiến là công chức, viên chức, người lao động của đơn vị (các sở, ban, "
            "ngành, đoàn thể có mô hình quản lý theo ngành dọc thì thực hiện phân bổ đại biểu cho "
            "các đơn vị trực thuộc là các điển hình tiên tiến), số lượng đại biểu này chiếm 70% "
            "trong tổng số đại biểu triệu tập. Đại biểu là khách mời và đại biểu lãnh đạo chiếm "
            "30%.",
        ],
    },
    {
        "kind": CongressLevelKind.PROVINCE,
        "numeral": "2.3",
        "heading": "Đối với cấp tỉnh",
        "deadline": datetime.date(2020, 8, 31),
        "duration": "01 buổi",
        "max_delegates": 500,
        "body": [
            "- Thành phần: Đại biểu khách mời, đại diện tập thể và cá nhân Anh hùng Lao động, Anh "
            "hùng Lực lượng vũ trang nhân dân, Bà mẹ Việt Nam Anh hùng, Chiến sĩ thi đua, các "
            "gương điển hình tiên tiến... Đảm bảo cân đối hợp lý về số lượng, cơ cấu đại diện cho "
            "các ngành, các cấp, các lĩnh vực, các thành phần kinh tế, dân tộc, tôn giáo, đại "
            "biểu nữ, đại biểu trẻ tuổi, chú trọng đến các đại biểu là người lao động trực tiếp, "
            "mô hình mới, điển hình mới qua các phong trào thi đua. Đại hội có kế hoạch chi "
            "tiết riêng.",
        ],
    },
]

AGENDA = [
    "Chào cờ.",
    "Tuyên bố lý do, giới thiệu đại biểu.",
    "Phát biểu khai mạc.",
    "Báo cáo tổng kết phong trào thi đua và công tác khen thưởng 5 năm qua. Phương hướng, nhiệm "
    "vụ công tác TĐKT 5 năm tới. Báo cáo phải nêu được những nét mới, sáng tạo, những phong trào "
    "thi đua thiết thực, hiệu quả, góp phần hoàn thành nhiệm vụ chính trị của cơ quan, đơn vị "
    "(có thể xây dựng phóng sự, video clip, hình ảnh để minh họa cho nội dung Báo cáo).",
    "Báo cáo tham luận của các điển hình tiên tiến (tập thể và cá nhân).",
    "Tổ chức các hoạt động giao lưu với các điển hình tiên tiến.",
    "Biểu dương, tôn vinh, khen thưởng các điển hình tiên tiến.",
    "Phát động phong trào thi đua giai đoạn 2020 - 2025.",
    "Thông qua danh sách đại biểu đi dự Đại hội cấp trên.",
    "Bế mạc.",
]

AFTER_AGENDA = (
    "Căn cứ vào nội dung trên, các cơ quan, đơn vị chủ động tổ chức bằng các hình thức sáng tạo, "
    "phù hợp với điều kiện của cơ quan, đơn vị nhằm biểu dương các tập thể, cá nhân điển hình "
    "tiên tiến của cơ quan, đơn vị mình như giao lưu trực tiếp với các điển hình, dùng các hình "
    "ảnh, phim tư liệu để minh họa..."
)

# cluster, pilot unit (as the fixture names it), as the plan writes it, follower, their role,
# the follower's unit
PILOTS = [
    (
        "Cụm văn hóa - xã hội",
        "Sở Giáo dục và Đào tạo",
        "",
        "Trưởng Ban Tuyên giáo Tỉnh uỷ",
        "thành viên Hội đồng TĐKT tỉnh",
        "Tỉnh ủy Lạng Sơn",
    ),
    (
        "Cụm các cơ quan Mặt trận Tổ quốc và các đoàn thể",
        "Tỉnh Đoàn Lạng Sơn",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh",
        "Chủ tịch Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn",
        "Phó Chủ tịch Hội đồng TĐKT tỉnh",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn",
    ),
    (
        "Cụm các cơ quan Nội chính",
        "Tòa án nhân dân tỉnh Lạng Sơn",
        "Tòa án nhân dân tỉnh",
        "Giám đốc Công an tỉnh",
        "thành viên Hội đồng TĐKT tỉnh",
        "Công an tỉnh Lạng Sơn",
    ),
    (
        "Khối các huyện, thành phố",
        "Huyện Chi Lăng",
        "huyện Chi Lăng",
        "Giám đốc Sở Văn hoá, Thể thao và Du lịch",
        "thành viên Hội đồng TĐKT tỉnh",
        "Sở Văn hóa, Thể thao và Du lịch",
    ),
]

# heading, unit (fixture name or ""), text, due by
DUTIES = [
    (
        "Sở Nội vụ",
        "Sở Nội vụ",
        [
            "Chủ trì, phối hợp với các ngành chức năng liên quan xây dựng dự thảo Kế hoạch, "
            "chương trình tổ chức, thành lập Ban Tổ chức và các tiểu ban của Đại hội Thi đua yêu "
            "nước tỉnh Lạng Sơn lần thứ V, thành lập Ban Tổ chức và các tiểu ban của Đại hội; "
            "hướng dẫn tổ chức Đại hội Thi đua yêu nước các cấp; hướng dẫn khen thưởng tại Hội "
            "nghị biểu dương điển hình tiên tiến các cấp và Đại hội Thi đua yêu nước tỉnh Lạng "
            "Sơn lần thứ V.",
            "Thời gian hoàn thành trong tháng 11/2019.",
        ],
        datetime.date(2019, 11, 30),
    ),
    (
        "Sở Thông tin và Truyền thông",
        "Sở Thông tin và Truyền thông",
        [
            "Chủ trì, phối hợp với các cơ quan thông tin đại chúng xây dựng Kế hoạch tuyên truyền "
            "Đại hội Thi đua yêu nước và Hội nghị điển hình tiên tiến các cấp tạo không khí thi "
            "đua, sôi nổi rộng khắp trong toàn tỉnh; xây dựng, phát hành ấn phẩm, mở các chuyên "
            "mục, chuyên trang và tăng thời lượng cho việc tuyên truyền trước, trong và sau Đại "
            "hội với những hình thức phong phú, giáo dục truyền thống thi đua yêu nước, xây dựng "
            "và bảo vệ Tổ quốc."
        ],
        None,
    ),
    (
        "Sở Tài chính",
        "Sở Tài chính",
        [
            "Hướng dẫn các cơ quan, đơn vị trong tỉnh xây dựng kế hoạch dự trù kinh phí tổ chức "
            "Hội nghị biểu dương điển hình tiên tiến các cấp và Đại hội Thi đua yêu nước tỉnh "
            "Lạng Sơn lần thứ V.",
            "Thời gian hoàn thành tháng 11/2019.",
        ],
        datetime.date(2019, 11, 30),
    ),
    (
        "Đề nghị Ủy ban Mặt trận Tổ quốc và các tổ chức đoàn thể tỉnh",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn",
        [
            "Chủ động phối hợp với các ngành, các cấp chính quyền huyện, thành phố vận động đoàn "
            "viên, hội viên và quần chúng Nhân dân tích cực tham gia các phong trào thi đua yêu "
            "nước, phát hiện và giới thiệu các gương người tốt, việc tốt; tích cực tuyên truyền "
            "cho Đại hội Thi đua yêu nước, Hội nghị biểu dương điển hình tiên tiến các cấp."
        ],
        None,
    ),
    (
        "Thành viên Hội đồng Thi đua - Khen thưởng tỉnh",
        "",
        [
            "Có trách nhiệm theo dõi, chỉ đạo, đôn đốc, kiểm tra các cơ quan, đơn vị mình phụ "
            "trách (theo Quyết định số 1338/QĐ-UBND ngày 17/7/2018 của UBND tỉnh về việc ban "
            "hành Quy chế hoạt động của Hội đồng TĐKT tỉnh Lạng Sơn) thực hiện Kế hoạch này."
        ],
        None,
    ),
]

CLOSING = (
    "UBND tỉnh đề nghị Thủ trưởng các sở, ban, ngành, đoàn thể tỉnh, Chủ tịch UBND các huyện, "
    "thành phố và Thủ trưởng các doanh nghiệp căn cứ nội dung Kế hoạch này khẩn trương xây dựng "
    "Kế hoạch triển khai thực hiện tại cơ quan, đơn vị và định kỳ báo cáo UBND tỉnh (qua Ban "
    "TĐKT, Sở Nội vụ)/."
)

RECIPIENTS = [
    "Hội đồng TĐKT TW;",
    "Ban TĐKT TW;",
    "Vụ III - Ban TĐKT TW;",
    "Thường trực Tỉnh uỷ;",
    "Thường trực HĐND tỉnh;",
    "Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
    "Các thành viên Hội đồng TĐKT tỉnh;",
    "Các đơn vị trong cụm thi đua của tỉnh;",
    "C, PCVP UBND tỉnh, các Phòng CM, TT TH-CB;",
    "Lưu: VT, KG-VX (NTB).",
]


def _unit(name: str) -> Unit:
    unit = Unit.objects.filter(name_folded=fold(name)).order_by("valid_from").first()
    if unit is None:
        raise Unit.DoesNotExist(f"unit not found: {name}")
    return unit


def _cluster(name: str) -> Cluster:
    cluster = Cluster.objects.filter(name=name).order_by("-year").first()
    if cluster is None:
        raise Cluster.DoesNotExist(f"cluster not found: {name}")
    return cluster


def _sections() -> list[dict]:
    text, levels, agenda = SectionPart.TEXT, SectionPart.LEVELS, SectionPart.AGENDA
    return [
        {"depth": 1, "numeral": "I", "heading": "MỤC ĐÍCH, YÊU CẦU", "body": PURPOSE},
        {"depth": 1, "numeral": "II", "heading": "NỘI DUNG VÀ CÁC BƯỚC TIẾN HÀNH"},
        {
            "depth": 2,
            "numeral": "1",
            "heading": "Những nội dung tập trung từ nay đến Đại hội Thi đua yêu nước toàn tỉnh "
            "lần thứ V",
            "body": FOCUS,
        },
        {
            "depth": 2,
            "numeral": "2",
            "heading": "Hình thức, thời gian, thành phần và số lượng đại biểu",
            "body": [
                "Tiến hành tổ chức theo thứ tự từ cấp cơ sở đến cấp huyện, thành phố, sở, ban, "
                "ngành và Đại hội Thi đua yêu nước cấp tỉnh."
            ],
            "part": levels,
        },
        {"depth": 2, "numeral": "3", "heading": "Chương trình, nội dung Đại hội", "part": agenda},
        {"depth": 2, "body": [AFTER_AGENDA], "part": text},
        {"depth": 2, "numeral": "4", "heading": "Chỉ đạo điểm"},
        {
            "depth": 3,
            "numeral": "4.1",
            "heading": "Chỉ đạo điểm của tỉnh",
            "part": SectionPart.PILOTS,
        },
        {
            "depth": 3,
            "numeral": "4.2",
            "heading": "Chỉ đạo điểm của các huyện, thành phố",
            "body": [
                "Mỗi huyện, thành phố xem xét, lựa chọn 01 xã để chỉ đạo điểm, rút kinh nghiệm."
            ],
        },
        {
            "depth": 3,
            "numeral": "4.3",
            "heading": "Chỉ đạo điểm của các sở, ban, ngành",
            "body": [
                "Căn cứ điều kiện thực tế, các ngành có nhiều đầu mối trực thuộc, chọn 01 đơn vị "
                "cơ sở làm chỉ đạo điểm, rút kinh nghiệm."
            ],
        },
        {"depth": 1, "numeral": "III", "heading": "TỔ CHỨC THỰC HIỆN", "part": SectionPart.DUTIES},
    ]


@transaction.atomic
def seed_congresses() -> str:
    """Load seed 004's plan (rewritten if present) and generate its events."""
    province = _unit("Tỉnh Lạng Sơn")
    plan, _created = CongressPlan.objects.update_or_create(
        seed_key=SEED_KEY,
        defaults={
            "issuer": province,
            "issuer_header": "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN",
            "issuer_abbreviation": "UBND",
            "number": None,
            "issue_date": None,
            "issue_year": 2019,
            "issue_month": None,
            "place": "Lạng Sơn",
            "title": TITLE,
            "tree_on": datetime.date(2019, 12, 31),
            "young_age": 30,
            "preamble": PREAMBLE,
            "closing": CLOSING,
            "recipients": "\n".join(RECIPIENTS),
            "signer_mode": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            "signer_name": "Dương Xuân Huyền",
        },
    )
    if plan.published_at is None:  # an issued document
        plan.published_at = timezone.now()
        plan.save(update_fields=["published_at"])
    plan.sections.all().delete()
    PlanSection.objects.bulk_create(
        PlanSection(
            plan=plan,
            position=i,
            depth=s["depth"],
            numeral=s.get("numeral", ""),
            heading=s.get("heading", ""),
            body="\n".join(s.get("body", [])),
            part=s.get("part", SectionPart.TEXT),
        )
        for i, s in enumerate(_sections(), start=1)
    )
    for data in LEVELS:
        CongressLevel.objects.update_or_create(
            plan=plan,
            kind=data["kind"],
            defaults={
                "numeral": data["numeral"],
                "heading": data["heading"],
                "body": "\n".join(data["body"]),
                "deadline": data["deadline"],
                "duration": data["duration"],
                "forms": [form.value for form in FORMS_OF_LEVEL[data["kind"]]],
                "max_delegates": data["max_delegates"],
                "min_core_share": 70,
                "max_guest_share": 30,
            },
        )
    plan.agenda.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(plan=plan, position=i, text=text) for i, text in enumerate(AGENDA, start=1)
    )
    plan.pilots.all().delete()
    PilotUnit.objects.bulk_create(
        PilotUnit(
            plan=plan,
            position=i,
            cluster=_cluster(cluster),
            unit=_unit(unit),
            unit_label=label,
            follower_title=title,
            follower_role=role,
            follower_unit=_unit(follower_unit),
        )
        for i, (cluster, unit, label, title, role, follower_unit) in enumerate(PILOTS, start=1)
    )
    plan.duties.all().delete()
    ImplementationDuty.objects.bulk_create(
        ImplementationDuty(
            plan=plan,
            position=i,
            heading=heading,
            unit=_unit(unit) if unit else None,
            body="\n".join(body),
            due_by=due_by,
        )
        for i, (heading, unit, body, due_by) in enumerate(DUTIES, start=1)
    )
    created = plan_generate_events(plan=plan)
    return f"plan {plan.pk}, {plan.events.count()} events ({created} new)"


def new_plan_defaults(*, today: datetime.date) -> dict:
    """What the page of a new plan starts from: seed 004's levels (forms, time, caps, 70/30
    mix, text), its ten agenda items and the outline of its sections, its recipients and
    signing lines. The congresses fall in the year after the plan's, as in seed 004 (a plan
    of 2019 for the congresses of 2020), on the same days."""
    year = today.year + 1
    levels = [
        {
            "kind": data["kind"],
            "numeral": data["numeral"],
            "heading": data["heading"],
            "forms": [form.value for form in FORMS_OF_LEVEL[data["kind"]]],
            "duration": data["duration"],
            "deadline": data["deadline"].replace(year=year),
            "max_delegates": data["max_delegates"],
            "min_core_share": 70,
            "max_guest_share": 30,
            "body": "\n".join(data["body"]),
        }
        for data in LEVELS
    ]
    outline = [
        {
            "depth": s["depth"],
            "numeral": s.get("numeral", ""),
            "heading": s.get("heading", ""),
            "part": s.get("part", SectionPart.TEXT),
            # the year-bound texts of 2019 (purposes, focus) are left for the staff to write
            "body": "\n".join(s.get("body", [])) if s.get("numeral") in ("2", "4.2", "4.3") else "",
        }
        for s in _sections()
        if s.get("heading")
    ]
    return {
        "plan": {
            "tree_on": today,
            "young_age": 30,
            "recipients": "\n".join(RECIPIENTS),
            "signer_mode": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        },
        "levels": levels,
        "agenda": [{"text": text} for text in AGENDA],
        "sections": outline,
    }
