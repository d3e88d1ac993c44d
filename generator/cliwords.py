"""The words of the `ocop` command, Vietnamese and English side by side, and the language in use.

Stewards are provincial and district officials: the command speaks Vietnamese unless asked for
English (`ocop --lang en …`, or OCOP_LANG=en for CI logs). Each entry holds both languages so a
translator reads them together; a test fails when one is missing or their {placeholders} differ.
Words a page shows live in ``site/strings.py``; vocabularies (groups, producer types, levels) are
taken from there, not repeated here.

Code outside the CLI calls ``say(key, lang, **values)`` with the language it was given; code run
by a command may leave ``lang`` out and gets the command's (``lang()``).
"""

from __future__ import annotations

import os
from typing import Any

LANGUAGES = ("vi", "en")
DEFAULT = "vi"
ENV = "OCOP_LANG"

# key: (Vietnamese, English). Keys starting "help." / "opt." are click help texts.
WORDS: dict[str, tuple[str, str]] = {
    # -- click's own headings (Usage, Options…), written by our help formatter
    "cli.usage": ("Cách dùng: ", "Usage: "),
    "cli.options": ("Tùy chọn", "Options"),
    "cli.commands": ("Lệnh", "Commands"),
    "cli.default": ("mặc định", "default"),
    "cli.required": ("bắt buộc", "required"),
    "cli.envvar": ("biến môi trường", "env var"),
    "cli.error": ("lỗi", "error"),
    "opt.help": ("Xem hướng dẫn này rồi thoát.", "Show this message and exit."),
    "opt.version": ("Xem số phiên bản rồi thoát.", "Show the version and exit."),
    "opt.lang": ("Ngôn ngữ của thông báo và hướng dẫn: vi (tiếng Việt) hoặc en (tiếng Anh). "
                 "Có thể đặt bằng biến môi trường OCOP_LANG.",
                 "Language of messages and help: vi (Vietnamese) or en (English). "
                 "Also set by the OCOP_LANG environment variable."),
    "opt.config": ("Tệp site_config.yml của tỉnh; thư mục products/ nằm cùng chỗ với tệp này.",
                   "The province's site_config.yml; products/ is found beside it."),
    "opt.today": ("Ngày dùng để tính trạng thái chứng nhận và kiểm tra ngày tháng (YYYY-MM-DD). "
                  "Mặc định: ngày hôm nay.",
                  "Build date for statuses and date checks (YYYY-MM-DD). Default: the real date."),

    # -- the commands
    "help.main": ("Kiểm tra và công bố danh mục sản phẩm OCOP.",
                  "Validate and publish the OCOP product catalogue."),
    "help.validate": (
        "Kiểm tra hồ sơ sản phẩm (tất cả, hoặc các tệp trong PATHS) và chỉ rõ chỗ cần sửa.\n\n"
        "Các quy tắc giữa các hồ sơ (mã sản phẩm không trùng, sản phẩm đã công bố vẫn còn hồ sơ) "
        "luôn xét toàn bộ hồ sơ. Mã thoát là 1 khi có lỗi (hoặc có cảnh báo, nếu dùng --strict), "
        "với mọi định dạng.",
        "Check records (all of them, or PATHS) and say exactly what to fix.\n\n"
        "Cross-record rules (unique ids, published ids still present) always consider every record. "
        "Exit status 1 when there is an error (or a warning with --strict), whatever the format."),
    "opt.validate.format": ("text để người đọc, github để ghi chú ngay trên pull request, json cho công cụ khác, "
                            "markdown cho trang tóm tắt của GitHub.",
                            "text for people, github for pull-request annotations, json for tools, "
                            "markdown for a job summary."),
    "opt.validate.strict": ("Coi cảnh báo như lỗi.", "Treat warnings as errors."),
    "opt.validate.published": (
        "Danh sách mã sản phẩm đã công bố (mỗi dòng một mã, hoặc tệp api/manifest.json của trang web): "
        "mã nào không còn hồ sơ là lỗi.",
        "Ids already published (one per line, or a site's api/manifest.json): a missing one is an error."),
    "help.schema": ("Tạo lại schema/*.schema.json và hướng dẫn cập nhật dữ liệu (CONTRIBUTING.md, "
                    "CONTRIBUTING.en.md) từ định dạng hồ sơ.",
                    "Write schema/*.schema.json and the stewards' guide (CONTRIBUTING.md, CONTRIBUTING.en.md) "
                    "from the record format."),
    "opt.schema.check": ("Không ghi gì; mã thoát 1 nếu các tệp đã commit không còn khớp.",
                         "Do not write; exit 1 if the committed files are stale."),
    "opt.schema.root": ("Thư mục gốc của kho mã nguồn.", "The repository's root folder."),
    "help.new": (
        "Tạo một hồ sơ sản phẩm mới, hợp lệ, với mã kế tiếp còn trống.\n\n"
        "Hỏi lần lượt những gì các tùy chọn chưa cho biết, đưa danh sách đánh số để chọn, hiểu tên tiếng "
        "Việt (có hoặc không dấu) và các chữ viết tắt thường dùng (HTX, THT, DN, DNTN…). Một câu trả lời "
        "sai chỉ được hỏi lại riêng câu đó. Không ghi tệp nào khi hồ sơ chưa hợp lệ; nếu dừng giữa chừng "
        "(Ctrl+C), những gì đã nhập được lưu thành bản nháp.\n\n"
        "Sản phẩm công nhận từ 01/7/2025 (hoặc chưa được công nhận) ghi phường, xã hiện nay (--ward), không có "
        "huyện: hồ sơ nằm trong products/<mã tỉnh>/ với mã dạng SL-0001. Giấy chứng nhận cấp trước đó ghi huyện, "
        "xã như trên giấy (--district, --commune).",
        "Create a valid record with the next free id.\n\n"
        "Asks for what the options do not give, with numbered choices; understands Vietnamese names "
        "(with or without tone marks) and the usual abbreviations (HTX, THT, DN, DNTN…). Only a wrong "
        "answer is asked again. Nothing is written until the record is valid; stopping half-way (Ctrl+C) "
        "saves what was typed as a draft.\n\n"
        "A product certified since 1 July 2025 (or not yet) is placed by today's ward or commune (--ward), with "
        "no district: its record goes to products/<province code>/ with an id like SL-0001. A certificate issued "
        "before names the district and commune as on it (--district, --commune)."),
    "opt.new.district": ("Huyện, thị xã hoặc thành phố ghi trên giấy chứng nhận cấp trước 01/7/2025: số thứ tự, "
                         "mã (mai-son) hoặc tên (Mai Sơn).",
                         "District on a certificate issued before 1 July 2025: its number, id (mai-son) or name "
                         "(Mai Sơn)."),
    "opt.new.ward": ("Phường, xã hiện nay (sản phẩm công nhận từ 01/7/2025 hoặc chưa được công nhận; không có "
                     "huyện): mã 5 chữ số (03868) hoặc tên, có hoặc không dấu (Tà Xùa, ta xua).",
                     "Today's ward or commune (a product certified since 1 July 2025 or not yet; no district): "
                     "its five-digit code (03868) or name, with or without tone marks (Tà Xùa, ta xua)."),
    "opt.new.commune": ("Xã, phường hoặc thị trấn (không bắt buộc): mã hoặc tên.",
                        "Commune (optional): its id or name."),
    "opt.new.name": ("Tên sản phẩm, đúng như trên giấy chứng nhận.", "Product name as on the certificate."),
    "opt.new.group": ("Nhóm sản phẩm: Thực phẩm, Đồ uống, Dược liệu, Thủ công mỹ nghệ, Sinh vật cảnh, Du lịch "
                      "(hoặc mã: food, beverages…).",
                      "Product group: food, beverages, herbal, handicrafts, ornamental, tourism "
                      "(or its Vietnamese name)."),
    "opt.new.producer": ("Tên chủ thể, đúng như trên giấy chứng nhận.",
                         "Producer (chủ thể) name as on the certificate."),
    "opt.new.producer_type": ("Loại hình chủ thể: HTX, THT (tổ hợp tác), DN, DNTN, công ty, hộ kinh doanh, khác.",
                              "Producer type: cooperative, cooperative_group, enterprise, household, other "
                              "(or HTX, THT, DN, hộ kinh doanh…)."),
    "opt.new.summary": ("Một câu giới thiệu sản phẩm, tối đa 200 ký tự.", "One sentence, at most 200 characters."),
    "opt.new.level": ("Cấp công nhận của quyết định: huyện, tỉnh hoặc trung ương (bỏ trống nếu chưa được công nhận).",
                      "Level of the certification decision: district, province or national "
                      "(leave out while not certified)."),
    "opt.new.decision": ("Số quyết định công nhận, ví dụ 1693/QĐ-UBND.", "Decision number, e.g. 1693/QĐ-UBND."),
    "opt.new.date": ("Ngày ký quyết định: YYYY-MM-DD (hoặc DD/MM/YYYY).",
                     "Decision date: YYYY-MM-DD (or DD/MM/YYYY)."),
    "opt.new.stars": ("Hạng sao được công nhận: 3, 4 hoặc 5.", "Stars awarded: 3, 4 or 5."),
    "opt.new.score": ("Điểm bình quân của hội đồng đánh giá, từ 0 đến 100.", "The council's average score, 0–100."),
    "opt.new.ask": ("Hỏi những gì còn thiếu (mặc định: chỉ khi chạy trong cửa sổ dòng lệnh).",
                    "Ask for what is missing (default: only in a terminal)."),
    "opt.new.dry_run": ("In hồ sơ ra màn hình thay vì ghi tệp.", "Print the record instead of writing it."),
    "opt.new.resume": ("Tiếp tục từ một bản nháp đã lưu (chỉ hỏi những câu còn thiếu).",
                       "Continue from a saved draft (asks only what is missing)."),
    "help.build": ("Kiểm tra toàn bộ hồ sơ rồi dựng trang web tĩnh (nếu có bất kỳ lỗi nào, trang web cũ "
                   "được giữ nguyên).",
                   "Validate everything, then build the static site (the previous site stays if anything fails)."),
    "opt.build.out": ("Thư mục ghi trang web. Mặc định: site/ cùng chỗ với site_config.yml.",
                      "Output folder. Default: site/ beside site_config.yml."),
    "opt.build.plan_as_of": ("Trang kế hoạch tính theo một ngày đã qua, từ dữ liệu hiện nay (bỏ qua những gì quyết "
                             "định sau ngày đó). Mặc định: hôm nay.",
                             "The plan pages as of a past date, from today's records (what was decided later is "
                             "left out). Default: today."),
    "opt.build.strict": ("Dừng cả khi chỉ có cảnh báo (dùng khi dựng trang web chính thức).",
                         "Fail on warnings too (used for the published site)."),
    "opt.build.published": (
        "Tệp api/manifest.json của trang web đang công bố (hoặc danh sách mã sản phẩm): sản phẩm đã công bố mà "
        "không còn hồ sơ là lỗi, và các trang theo mã GTIN và theo địa bàn cũ vẫn được giữ.",
        "The live site's api/manifest.json (or a list of ids): a published product whose record is "
        "gone is an error, and former GTIN and place pages are kept."),
    "help.serve": ("Dựng trang web, mở xem tại http://HOST:PORT/ và dựng lại mỗi khi một hồ sơ hoặc trang "
                   "thay đổi.",
                   "Build, serve the site on http://HOST:PORT/, and rebuild when a record or page changes."),
    "opt.serve.port": ("Cổng mạng để mở trang xem thử.", "Port to serve on."),
    "opt.serve.host": ("Địa chỉ để mở trang xem thử (127.0.0.1: chỉ máy này xem được).",
                       "Address to serve on (127.0.0.1: this computer only)."),
    "help.report": ("Ghi tiến độ thực hiện kế hoạch (các số liệu của trang /plan/) ra bảng tính.",
                    "Write the plan's progress (the numbers of the /plan/ page) as a spreadsheet."),
    "opt.report.out": ("Bảng tính cần ghi: .xlsx (mọi bảng) hoặc .csv (các chỉ tiêu).",
                       "Spreadsheet to write: .xlsx (every table) or .csv (targets)."),
    "opt.report.as_of": ("Tính số liệu theo một ngày đã qua, từ dữ liệu hiện nay (bỏ qua những gì quyết định sau "
                         "ngày đó). Mặc định: hôm nay.",
                         "Compute the figures as of a past date from today's records (what was decided later is "
                         "left out). Default: today."),
    "report.future": ("--as-of {date} là một ngày sau hôm nay ({today}): chỉ tính được số liệu đến hôm nay.",
                      "--as-of {date} is after today ({today}): figures can only be computed up to today."),
    "opt.force": ("Ghi đè OUT nếu tệp đó đã có.", "Replace OUT if it already exists."),
    "help.import": (
        "Chuyển danh sách sản phẩm OCOP của tỉnh (.xlsx, .xls hoặc .csv) thành hồ sơ; không bao giờ ghi đè "
        "hồ sơ đã có.\n\n"
        "Mã thoát là 1 khi có dòng bị bỏ qua (không đọc được, hoặc sản phẩm đã có trong danh mục) hoặc khi "
        "một hồ sơ vừa ghi không qua được `ocop validate`.",
        "Turn a province's OCOP list (.xlsx, .xls or .csv) into records; never overwrites one.\n\n"
        "Exit status 1 when any row was skipped (it could not be mapped, or it is already in the "
        "catalogue) or when a written record does not pass `ocop validate`."),
    "opt.import.dry_run": ("Kiểm tra từng dòng và báo cáo, nhưng không ghi gì.",
                           "Check every row and report, but write nothing."),
    "help.export": ("Ghi mọi sản phẩm kèm chứng nhận mới nhất ra OUT (.xlsx hoặc .csv), đúng khuôn mà "
                    "`ocop import` đọc được.",
                    "Write every product with its latest certificate to OUT (.xlsx or .csv), as `ocop import` "
                    "reads it."),
    "help.links": ("Kiểm tra các liên kết của chủ thể, gian hàng trên sàn thương mại điện tử và văn bản quyết "
                   "định còn truy cập được không (chỉ báo cáo; mã thoát 0).",
                   "Check that producer, marketplace and decision links still answer (reports; exit 0)."),
    "opt.links.format": ("text để người đọc, markdown cho trang tóm tắt của GitHub, json cho công cụ khác.",
                         "text for people, markdown for a GitHub job summary, json for tools."),
    "opt.links.timeout": ("Số giây chờ mỗi liên kết.", "Seconds to wait for each link."),
    "help.units": (
        "In phần `units:` của site_config.yml cho tỉnh PROVINCE (tên hoặc mã hiện nay, ví dụ \"Sơn La\" "
        "hay 14, hoặc tên một tỉnh cũ, ví dụ \"Trà Vinh\"): các phường, xã hiện nay với mã chính thức, "
        "và các huyện, xã cũ đã nhập vào, mỗi đơn vị cũ kèm đơn vị hiện nay mà nó trở thành.",
        "Print the `units:` section of site_config.yml for PROVINCE (today's name or code, e.g. "
        "\"Sơn La\" or 14, or a former province, e.g. \"Trà Vinh\"): today's wards and communes with "
        "their official codes, and the former districts and communes it absorbed, each with the unit "
        "it became."),
    "opt.units.out": ("Ghi vào tệp này thay vì in ra màn hình.", "Write to this file instead of printing."),
    "opt.units.force": ("Ghi đè tệp --out nếu đã có.", "Overwrite the --out file if it exists."),

    # -- summary lines and fixed messages of the commands
    "schema.stale": ("Các tệp sinh tự động đã cũ: {files}. Hãy chạy `ocop schema` rồi commit kết quả.",
                     "Stale generated files: {files}. Run `ocop schema` and commit the result."),
    "schema.up_to_date": ("Đã khớp: {files}", "Up to date: {files}"),
    "schema.wrote": ("Đã ghi: {files}", "Wrote: {files}"),
    "schema.all": ("mọi tệp sinh tự động", "all generated files"),
    "units.unknown": ("“{province}” không phải là một trong 34 tỉnh, thành phố hiện nay, cũng không phải "
                      "tỉnh cũ.{hint} Hãy ghi tên hiện nay (ví dụ \"Sơn La\"), mã hai chữ số (14) hoặc tên tỉnh cũ.",
                      "“{province}” is not one of today's 34 provinces nor a former one.{hint} Give today's "
                      "name (e.g. \"Sơn La\"), its two-digit code (14) or a former province's name."),
    "units.did_you_mean": (" Có phải là {names}?", " Did you mean {names}?"),
    "units.exists": ("{out} đã có; thêm --force để ghi đè.", "{out} exists; add --force to overwrite it."),
    "units.wrote": ("Đã ghi {out}: {n} đơn vị cấp xã của {province}.", "Wrote {out}: {n} units of {province}."),

    # -- `ocop new`: prompts
    "new.intro": ("Tạo hồ sơ sản phẩm mới. Gõ số thứ tự hoặc tên; Enter để nhận giá trị trong [ngoặc vuông]; "
                  "Ctrl+C để dừng (những gì đã nhập sẽ được lưu lại).",
                  "A new product record. Type a number or a name; Enter takes the value in [brackets]; "
                  "Ctrl+C stops (what you typed is kept)."),
    "new.q.place": ("Ghi nơi sản xuất theo", "Place the product by"),
    "new.place.ward": ("Phường, xã hiện nay (giấy chứng nhận cấp từ 01/7/2025, hoặc chưa được công nhận)",
                       "Today's ward or commune (certificate issued since 1 July 2025, or not certified yet)"),
    "new.place.district": ("Huyện, xã ghi trên giấy chứng nhận cấp trước 01/7/2025",
                           "The district and commune on a certificate issued before 1 July 2025"),
    "new.q.ward": ("Phường, xã hiện nay (số thứ tự, tên hoặc mã)", "Today's ward or commune (number, name or code)"),
    "new.q.district": ("Huyện, thị xã, thành phố", "District"),
    "new.q.commune": ("Xã, phường, thị trấn (Enter nếu không ghi)", "Commune (Enter to leave out)"),
    "new.q.name": ("Tên sản phẩm (như trên giấy chứng nhận)", "Product name (as on the certificate)"),
    "new.q.group": ("Nhóm sản phẩm", "Product group"),
    "new.q.producer_name": ("Tên chủ thể (như trên giấy chứng nhận)", "Producer (chủ thể) name"),
    "new.q.producer_type": ("Loại hình chủ thể", "Producer type"),
    "new.q.summary": ("Một câu giới thiệu sản phẩm (tối đa 200 ký tự)", "One-sentence summary (at most 200 characters)"),
    "new.q.certified": ("Sản phẩm đã có quyết định công nhận OCOP chưa? (c: có, k: chưa)",
                        "Has the product a signed OCOP certification decision? (y: yes, n: no)"),
    "new.q.level": ("Cấp công nhận", "Level of the decision"),
    "new.q.decision": ("Số quyết định công nhận (ví dụ 1693/QĐ-UBND)", "Decision number (e.g. 1693/QĐ-UBND)"),
    "new.q.date": ("Ngày ký quyết định (YYYY-MM-DD)", "Decision date (YYYY-MM-DD)"),
    "new.q.stars": ("Hạng sao (3, 4 hoặc 5)", "Stars (3, 4 or 5)"),
    "new.q.score": ("Điểm bình quân của hội đồng, 0–100 (Enter nếu không ghi)",
                    "Council's average score, 0–100 (Enter to leave out)"),
    "new.level.district": ("UBND cấp huyện", "District People's Committee"),
    "new.level.province": ("UBND cấp tỉnh", "Provincial People's Committee"),
    "new.level.national": ("Trung ương (Bộ Nông nghiệp và Môi trường, hạng 5 sao)",
                           "National (the Ministry of Agriculture, 5 stars)"),
    "new.yes": ("c", "y"),
    "new.no": ("k", "n"),
    # -- `ocop new`: why an answer is asked again
    "new.err.empty": ("Câu này cần có câu trả lời.", "This needs an answer."),
    "new.err.choice": ("“{answer}” không có trong danh sách. Hãy gõ số thứ tự (1–{n}) hoặc tên như trong danh sách.",
                       "“{answer}” is not in the list. Type its number (1–{n}) or a name from the list."),
    "new.err.choice_option": ("“{answer}” không có trong danh sách. Hãy ghi một trong: {names}.",
                              "“{answer}” is not in the list. Write one of: {names}."),
    "new.err.too_long": ("Câu trả lời dài {n} ký tự, quá giới hạn {max} ký tự. Hãy viết gọn lại.",
                         "That is {n} characters, more than {max}. Please shorten it."),
    "new.err.date": ("“{answer}” không phải là ngày theo dạng YYYY-MM-DD (ví dụ 2024-06-15).",
                     "“{answer}” is not a date written YYYY-MM-DD (e.g. 2024-06-15)."),
    "new.date_converted": ("Bạn viết {answer}; đã hiểu là ngày {iso} (năm-tháng-ngày).",
                           "You wrote {answer}; taken as {iso} (year-month-day)."),
    "new.err.date_unreal": ("“{answer}” không phải là một ngày có thật.", "“{answer}” is not a real calendar date."),
    "new.err.date_future": ("Ngày {answer} ở sau ngày hôm nay ({today}); quyết định phải đã được ký.",
                            "{answer} is after today ({today}); the decision must already be signed."),
    "new.err.stars": ("Chỉ sản phẩm đạt 3, 4 hoặc 5 sao mới được cấp giấy chứng nhận OCOP.",
                      "Only 3, 4 or 5 stars receive an OCOP certificate."),
    "new.err.score": ("Điểm là một số từ 0 đến 100, có thể có phần thập phân (ví dụ 78,5).",
                      "The score is a number from 0 to 100, decimals allowed (e.g. 78.5)."),
    "new.err.place": ("Hãy gõ 1 (phường, xã hiện nay) hoặc 2 (huyện, xã trên giấy chứng nhận cũ).",
                      "Please type 1 (today's ward or commune) or 2 (the district of an old certificate)."),
    "new.err.missing_place": ("Thiếu --ward (phường, xã hiện nay) hoặc --district (huyện trên giấy chứng nhận cấp "
                              "trước 01/7/2025): cần có khi lệnh không chạy trong cửa sổ dòng lệnh để hỏi.",
                              "--ward (today's ward or commune) or --district (the district of a certificate issued "
                              "before 1 July 2025) is required without a terminal to ask in."),
    "new.err.ward_unknown": ("“{answer}” không phải là phường, xã hiện nay của {province}.{hint} Hãy gõ số thứ tự "
                             "(1–{n}), tên (có hoặc không dấu) hoặc mã 5 chữ số.",
                             "“{answer}” is not one of today's wards or communes of {province}.{hint} Type its "
                             "number (1–{n}), its name (with or without tone marks) or its five-digit code."),
    "new.err.ward_unknown_option": ("“{answer}” không phải là phường, xã hiện nay của {province}.{hint} Hãy ghi tên "
                                    "(có hoặc không dấu) hoặc mã 5 chữ số, như trong mục units: của site_config.yml.",
                                    "“{answer}” is not one of today's wards or communes of {province}.{hint} Write "
                                    "its name (with or without tone marks) or its five-digit code, as in the units: "
                                    "section of site_config.yml."),
    "new.err.ward_elsewhere": ("“{answer}” là {unit} của {other}, không thuộc {province}.",
                               "“{answer}” is {unit} of {other}, not of {province}."),
    "new.err.ward_several": ("“{answer}” có thể là {units}. Hãy gõ mã (hoặc tên đầy đủ, có dấu) của đơn vị đúng.",
                             "“{answer}” may be {units}. Type the code (or the full name, with tone marks) of the "
                             "right one."),
    "new.err.level_reform": ("Từ 01/7/2025 không còn cấp huyện: quyết định ngày {date} là của UBND tỉnh (3, 4 sao) "
                             "hoặc trung ương (5 sao).",
                             "There is no district level since 1 July 2025: a decision of {date} is the province's "
                             "(3 or 4 stars) or national (5 stars)."),
    "new.err.yesno": ("Hãy trả lời c (có) hoặc k (chưa).", "Please answer y (yes) or n (no)."),
    "new.err.record": ("Hồ sơ chưa hợp lệ ở mục {field}: {message}", "The record is not valid at {field}: {message}"),
    "new.err.flag": ("--{flag}: {reason}", "--{flag}: {reason}"),
    "new.err.missing": ("Thiếu --{flag}: cần có khi lệnh không chạy trong cửa sổ dòng lệnh để hỏi.",
                        "--{flag} is required without a terminal to ask in."),
    "new.err.config": ("site_config.yml có lỗi; hãy chạy `ocop validate` trước.",
                       "site_config.yml has errors; run `ocop validate` first."),
    "new.err.no_code": ("{district} chưa có `code` trong site_config.yml nên chưa tạo được mã sản phẩm.",
                        "{district} has no `code` in site_config.yml, so no id can be made for it."),
    "new.err.draft": ("Không đọc được bản nháp {path}.", "The draft {path} could not be read."),
    "new.ask_again": ("Hãy nhập lại câu này:", "Please answer this one again:"),
    # -- `ocop new`: the outcome
    "new.created": ("Đã tạo {path}.", "Created {path}."),
    "new.add_cert": ("Khi có quyết định công nhận, hãy thêm vào mục `certifications` (xem CONTRIBUTING.md).",
                     "Add a certification when the decision is signed (see CONTRIBUTING.md)."),
    "new.save_draft": ("Lưu những gì đã nhập thành bản nháp? (c/k)", "Save what you typed as a draft? (y/n)"),
    "new.draft_saved": ("Đã lưu những gì bạn đã nhập vào {path}. Để làm tiếp: ocop new --resume {path}",
                        "What you typed is saved in {path}. To go on: ocop new --resume {path}"),
    "new.stopped": ("Đã dừng; chưa ghi hồ sơ nào.", "Stopped; no record was written."),
}


def _index(lang: str) -> int:
    return LANGUAGES.index(lang) if lang in LANGUAGES else 0


def env_lang() -> str:
    """The language named by OCOP_LANG (vi, en, en_US.UTF-8…), or Vietnamese."""
    value = os.environ.get(ENV, "").strip().lower()[:2]
    return value if value in LANGUAGES else DEFAULT


def lang() -> str:
    """The language of the running command: `--lang`, else OCOP_LANG, else Vietnamese.

    Kept on the click context object (``ctx.obj["lang"]``), which every subcommand inherits; outside
    a command (a library call, a helper process) the environment decides.
    """
    import click  # here: the words table itself does not need click

    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        settings = ctx.find_object(dict)
        if settings is not None and settings.get("lang") in LANGUAGES:
            return str(settings["lang"])
    return env_lang()


def say(key: str, lang_: str | None = None, /, **values: Any) -> str:
    """The text of ``key`` in ``lang_`` (default: the command's language), with {values} filled in."""
    text = WORDS[key][_index(lang_ or lang())]
    return text.format(**values) if values else text


def words(text: str | None, lang_: str | None = None) -> str | None:
    """``text`` translated when it is a key of the table (click help texts are keys), else as is."""
    if text is not None and text in WORDS:
        return say(text, lang_)
    return text
