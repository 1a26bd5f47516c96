"""``commune-app dossier``: print a person's papers, a meeting's batch, or the 18-KNĐ register.

commune-app dossier --db F --person ID [--forms 6-KNĐ,9-KNĐ] [--draft] -o HO-SO.pdf
commune-app dossier --db F --person ID -o HO-SO.docx          (Word; or --format docx)
commune-app dossier --db F --person ID --issue 9-KNĐ [--date 20/11/2026]
commune-app dossier --db F --meeting cell:3:2026-11-12 --out THU-MUC [--one-file]
commune-app dossier --db F --meeting committee:2026-11-20 --out TEP.pdf --one-file
commune-app dossier --db F --meeting cell:3:2026-11-12 --issue-all [--date 12/11/2026]
commune-app dossier --db F --register [--status probationary|all] [--from NGÀY] [--to NGÀY] -o SO.pdf
commune-app dossier --db F --person ID --list
commune-app dossier --db F --person ID --papers | --paper 6-KNĐ --present co|chua [--where "Tủ 2"]
commune-app dossier --db F --missing-papers
"""

from __future__ import annotations

import argparse
import sys

from commune_app import vn
from commune_app.cli.common import add_db, add_force, open_cli_session, output_target, print_json
from commune_app.dossier.checklist import paper_text
from commune_app.errors import Refused
from commune_app.ops import documents as doc_ops
from commune_app.ops.context import Session

MEETING_HELP = (
    "cuộc họp cần in văn bản cho mọi người trong chương trình: cell:MÃ_CHI_BỘ:NĂM-THÁNG-NGÀY (những"
    " người có cuộc họp chi bộ xét kết nạp hoặc xét công nhận chính thức, đã họp hoặc dự kiến họp,"
    " vào ngày đó: in 6-KNĐ hoặc 13-KNĐ) hoặc committee:NĂM-THÁNG-NGÀY (những người có quyết định"
    " kết nạp/công nhận ngày đó và những người chi bộ đã đề nghị đang chờ quyết định: in 9-KNĐ"
    " hoặc 16-KNĐ, kèm tờ trình và danh sách trích ngang)"
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "dossier",
        help="in hồ sơ, văn bản của người vào Đảng, đảng viên dự bị (PDF, Word)",
        description="In các văn bản theo thể thức văn bản của Đảng. Văn bản còn thiếu dữ"
        " liệu hoặc vướng quy định chỉ in bản DỰ THẢO.",
    )
    add_db(parser)
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--person", type=int, metavar="MÃ", help="mã người cần in hồ sơ")
    who.add_argument("--meeting", metavar="CUỘC_HỌP", help=MEETING_HELP)
    who.add_argument("--register", action="store_true", help="in sổ đảng viên dự bị (Mẫu 18-KNĐ)")
    who.add_argument(
        "--missing-papers",
        action="store_true",
        help="liệt kê các hồ sơ còn thiếu bản giấy (người vào Đảng, đảng viên dự bị)",
    )
    parser.add_argument(
        "--papers", action="store_true", help="với --person: giấy tờ của hồ sơ, có hay chưa có, lưu ở đâu"
    )
    parser.add_argument("--paper", metavar="GIẤY_TỜ", help="với --person: ghi bản giấy của một giấy tờ (mã như 6-KNĐ)")
    parser.add_argument("--present", choices=("co", "chua"), help="với --paper: co (đã có) hoặc chua (chưa có)")
    parser.add_argument("--where", metavar="NƠI_LƯU", default="", help="với --paper: nơi lưu (ghi ngắn)")
    parser.add_argument(
        "--status",
        choices=sorted(doc_ops.REGISTER_STATUSES),
        default="probationary",
        help="với --register: probationary (đang dự bị, mặc định) hoặc all (mọi người đã kết nạp)",
    )
    parser.add_argument("--from", dest="since", metavar="NGÀY", help="với --register: kết nạp từ ngày (dd/mm/yyyy)")
    parser.add_argument("--to", dest="until", metavar="NGÀY", help="với --register: kết nạp đến ngày (dd/mm/yyyy)")
    parser.add_argument(
        "--forms",
        metavar="MẪU,...",
        help="các mẫu cần in, cách nhau bởi dấu phẩy (ví dụ 6-KNĐ,9-KNĐ; MLHS là mục lục hồ sơ;"
        " TTLL là công văn đề nghị thẩm tra lý lịch); mặc định: cả bộ của giai đoạn hiện tại",
    )
    parser.add_argument("--draft", action="store_true", help="in tất cả dưới dạng DỰ THẢO")
    parser.add_argument("--list", action="store_true", help="liệt kê các văn bản in được và lý do còn là dự thảo")
    parser.add_argument("--issue", metavar="MẪU", help="ban hành văn bản: cấp số tiếp theo và ghi nhận số, ngày")
    parser.add_argument(
        "--issue-all",
        action="store_true",
        help="với --meeting: ban hành (cấp số) mọi văn bản của cuộc họp theo thứ tự danh sách;"
        " văn bản nào chưa đủ điều kiện được nêu tên kèm lý do",
    )
    parser.add_argument("--date", metavar="NGÀY", help="ngày ban hành (dd/mm/yyyy), mặc định hôm nay")
    parser.add_argument(
        "-o",
        "--output",
        metavar="TỆP",
        help="tệp cần ghi (.pdf, hoặc .docx cho Word; với --issue: văn bản vừa ban hành)",
    )
    parser.add_argument(
        "--out",
        metavar="ĐÍCH",
        help="với --meeting: thư mục (mỗi người một tệp) hoặc tệp .pdf/.docx (khi có --one-file)",
    )
    parser.add_argument("--one-file", action="store_true", help="với --meeting: gộp tất cả vào một tệp")
    parser.add_argument(
        "--format",
        choices=("pdf", "docx"),
        dest="fmt",
        help="định dạng tệp: pdf (mặc định) hoặc docx (Word, để sửa tiếp); không ghi thì theo đuôi tệp",
    )
    add_force(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.output:
        output_target(args, args.output)
    if args.meeting and args.out and args.one_file:
        output_target(args, args.out)
    session = open_cli_session(args, writes=bool(args.issue))
    try:
        if args.meeting:
            return _batch(session, args)
        if args.register:
            count = doc_ops.render_probationary_register(
                session,
                _output(args.output),
                status=args.status,
                since=vn.parse_date(args.since) if args.since else None,
                until=vn.parse_date(args.until) if args.until else None,
                fmt=args.fmt,
            )
            print(f"Đã ghi sổ đảng viên dự bị ({count} người): {args.output}")
            return 0
        if args.missing_papers:
            for person_id, name, missing in doc_ops.dossiers_missing_papers(session):
                print(f"{person_id}\t{name}\tcòn thiếu: {'; '.join(missing)}")
            return 0
        if args.paper:
            if not args.present:
                raise Refused("Cần cho biết --present co hoặc --present chua.")
            doc_ops.set_paper(session, args.person, args.paper, args.present == "co", args.where)
            print(f"Đã ghi bản giấy {args.paper}: {'có' if args.present == 'co' else 'chưa có'}")
            return 0
        if args.papers:
            for entry, paper in doc_ops.papers(session, args.person):
                print(f"{entry.key}\t{entry.title}\t{paper_text(paper)}")
            return 0
        if args.list:
            print_json([state.__dict__ for state in doc_ops.available_forms(session, args.person)])
            return 0
        if args.issue:
            on = vn.parse_date(args.date) if args.date else None
            number = doc_ops.issue_document(session, args.person, args.issue, on)
            print(f"Đã ban hành văn bản số {number}")
            if not args.output:
                return 0
        forms = [f.strip() for f in args.forms.split(",") if f.strip()] if args.forms else None
        if args.issue and not forms:
            forms = [args.issue]  # -o with --issue writes the paper just issued
        printed = doc_ops.render_person(session, args.person, forms, args.draft, _output(args.output), fmt=args.fmt)
        for code, draft in printed:
            print(f"{code}: {'DỰ THẢO' if draft else 'bản chính thức'}")
        print(f"Đã ghi {args.output}")
        return 0
    except vn.DateError as exc:
        raise Refused(str(exc)) from None
    finally:
        session.close()


def _output(path: str | None) -> str:
    if not path:
        raise Refused("Cần ghi tệp kết quả: -o TỆP.pdf (hoặc -o TỆP.docx cho Word)")
    return path


def _batch(session: Session, args: argparse.Namespace) -> int:
    if args.issue_all:
        on = vn.parse_date(args.date) if args.date else None
        outcomes = doc_ops.issue_meeting(session, doc_ops.parse_selection(args.meeting), on)
        for item in outcomes:
            if item.number:
                print(f"{item.name}: {item.code} số {item.number}")
            else:
                print(f"{item.name}: {item.code} chưa ban hành:", *item.reasons, sep="\n  ", file=sys.stderr)
        refused = sum(1 for item in outcomes if not item.number)
        print(f"Đã ban hành {len(outcomes) - refused} văn bản; {refused} văn bản chưa đủ điều kiện.", file=sys.stderr)
        return 1 if refused else 0
    if not args.out:
        raise Refused("Cần ghi nơi lưu kết quả: --out THƯ_MỤC (hoặc --out TỆP.pdf --one-file)")
    selection = doc_ops.parse_selection(args.meeting)
    result = doc_ops.render_batch(session, selection, args.out, args.one_file, fmt=args.fmt)
    for path in result.files:
        print(path)
    print(f"Đã in văn bản cho {result.people} người ({result.drafts} văn bản là dự thảo).", file=sys.stderr)
    return 0
