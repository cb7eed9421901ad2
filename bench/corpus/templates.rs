//! Sentence, title, heading, list and table templates of the generated
//! corpus. `{slot}` placeholders are filled by `text::Filler`; `{n:A-B}` is a
//! whole number in A..=B written the Vietnamese way, `{nn:A-B}` the same,
//! zero-padded below 10 as official documents write counts ("05 đề án").

/// Sentences that fit any category.
pub const GENERAL: &[&str] = &[
    "Trong {period}, {unit} đã phối hợp với {partner} triển khai nhiều giải pháp đồng bộ, bám sát kế hoạch đề ra từ đầu năm.",
    "Theo báo cáo của {unit}, toàn tỉnh hiện có {n:40-900} cơ sở sản xuất, kinh doanh thuộc lĩnh vực được giao quản lý, tăng {pct} so với cùng kỳ năm trước.",
    "Phát biểu tại hội nghị, {official} đề nghị các đơn vị tiếp tục quán triệt {doc}, tập trung tháo gỡ khó khăn cho doanh nghiệp và người dân.",
    "Kinh phí thực hiện là {money} triệu đồng, được bố trí từ nguồn ngân sách địa phương và nguồn vốn đối ứng của các cơ sở tham gia.",
    "Ngay sau khi {doc} được ban hành, Sở đã hướng dẫn {n:10-120} tổ chức, cá nhân trên địa bàn thực hiện đúng quy định.",
    "Kết quả kiểm tra cho thấy phần lớn cơ sở chấp hành tốt quy định của pháp luật; một số cơ sở còn thiếu sót về hồ sơ, sổ sách và đã được hướng dẫn khắc phục.",
    "Đến hết {period}, tỷ lệ hoàn thành kế hoạch đạt {rate}, cao hơn mục tiêu Ủy ban nhân dân tỉnh giao.",
    "{unit} cũng đã tổ chức {nn:2-12} đoàn công tác đến {district} để nắm bắt tình hình và hướng dẫn cơ sở tháo gỡ vướng mắc.",
    "Trên địa bàn {district}, nhiều hộ gia đình đã mạnh dạn đầu tư máy móc, mở rộng sản xuất {product}, tạo việc làm ổn định cho {n:12-350} lao động.",
    "Theo {person}, khó khăn lớn nhất hiện nay là giao thông ở các xã vùng cao còn hạn chế, chi phí vận chuyển hàng hóa cao.",
    "Việc triển khai được thực hiện theo đúng {doc} và hướng dẫn của {partner}.",
    "Các đại biểu đã trao đổi, thảo luận về những khó khăn, vướng mắc trong quá trình thực hiện và đề xuất giải pháp cho thời gian tới.",
    "Ngày {date}, tại {commune}, {district}, {unit} tổ chức {activity} với sự tham gia của {n:20-200} đại biểu.",
    "Theo kế hoạch, trong {next_period} sẽ có thêm {nn:2-15} đề án được triển khai tại các xã vùng sâu, vùng xa của tỉnh.",
    "Công tác thông tin, tuyên truyền được đẩy mạnh qua cổng thông tin điện tử, mạng xã hội và Đài Phát thanh và Truyền hình tỉnh, góp phần nâng cao nhận thức của người dân.",
    "So với cùng kỳ năm {prev_year}, giá trị sản xuất công nghiệp của tỉnh ước đạt {money} tỷ đồng, tăng {pct}.",
    "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng trên địa bàn ước đạt {n:800-9500} tỷ đồng.",
    "Sở đề nghị {partner} quan tâm bố trí nguồn lực, hỗ trợ tỉnh thực hiện các nhiệm vụ còn lại của năm {year}.",
    "Nhiều sản phẩm như {product}, {product} đã có mặt tại các siêu thị, cửa hàng tiện lợi ở {city} và các tỉnh lân cận.",
    "Các cơ sở cam kết thực hiện nghiêm quy định về an toàn lao động, phòng cháy chữa cháy và bảo vệ môi trường.",
    "Để hoàn thành chỉ tiêu năm {year}, Sở yêu cầu các phòng chuyên môn bám sát cơ sở, kịp thời báo cáo những vấn đề phát sinh.",
    "Lãnh đạo Sở đánh giá cao sự phối hợp của {partner} và chính quyền {district} trong quá trình triển khai.",
    "Bên cạnh kết quả đạt được, công tác quản lý vẫn còn một số hạn chế do địa bàn rộng, địa hình chia cắt và lực lượng cán bộ còn mỏng.",
    "Nhờ sự chủ động của các cấp, các ngành, tình hình sản xuất, kinh doanh tại {district} cơ bản ổn định.",
    "Theo {doc}, các tổ chức, cá nhân phải báo cáo định kỳ trước ngày {nn:10-25} của tháng cuối quý.",
    "{person} nhấn mạnh, cần tiếp tục đổi mới phương thức chỉ đạo, gắn trách nhiệm của người đứng đầu với kết quả thực hiện nhiệm vụ.",
    "Trong tổng số {n:30-400} cơ sở được khảo sát, có {n:10-120} cơ sở đề nghị được hỗ trợ về vốn, công nghệ và mặt bằng sản xuất.",
    "Hoạt động này góp phần thực hiện {doc} về phát triển kinh tế - xã hội của tỉnh giai đoạn {plan_period}.",
    "Đoàn công tác đã làm việc với {company} về tình hình sản xuất, tiêu thụ {product} và những kiến nghị của doanh nghiệp.",
    "{company} hiện có {n:15-320} lao động, phần lớn là người dân tộc thiểu số tại địa phương, thu nhập bình quân {n:4-9} triệu đồng mỗi người mỗi tháng.",
];

/// Sentences of each category, in the order of `words::CATEGORIES`.
pub const BY_CATEGORY: &[&[&str]] = &[
    &[
        "Đề án {activity} tại {commune}, {district} có tổng kinh phí {money} triệu đồng, trong đó kinh phí khuyến công hỗ trợ {money} triệu đồng.",
        "Sau khóa học, {rate} học viên đã có việc làm ổn định tại các cơ sở chế biến {product} trên địa bàn.",
        "Lớp học kéo dài {nn:2-3} tháng, gồm phần lý thuyết và thực hành trực tiếp trên dây chuyền của {company}.",
        "Mô hình giúp cơ sở nâng công suất chế biến thêm {n:2-30} tấn {product} mỗi tháng, giảm {pct} chi phí nhân công.",
        "Chương trình khuyến công địa phương giai đoạn {plan_period} đặt mục tiêu hỗ trợ {n:30-120} cơ sở công nghiệp nông thôn đổi mới thiết bị.",
        "Năm {year}, {nn:3-15} sản phẩm công nghiệp nông thôn tiêu biểu của tỉnh được bình chọn cấp khu vực.",
        "Máy sao, máy vò và máy sấy được hỗ trợ giúp sản phẩm {product} đồng đều hơn, đáp ứng yêu cầu của các nhà phân phối.",
    ],
    &[
        "Hội chợ có {n:80-350} gian hàng của doanh nghiệp, hợp tác xã trong và ngoài tỉnh, thu hút hơn {n:5000-60000} lượt khách tham quan, mua sắm.",
        "Doanh thu bán hàng trong {nn:3-7} ngày hội chợ ước đạt {money} tỷ đồng.",
        "Tại hội nghị kết nối, {nn:5-40} biên bản ghi nhớ hợp tác tiêu thụ {product} đã được ký kết.",
        "Phiên chợ hàng Việt tại {commune}, {district} đã đưa hơn {n:1000-6000} mặt hàng thiết yếu đến với đồng bào vùng cao với giá ưu đãi.",
        "Sản phẩm {product} của {company} được giới thiệu tại gian hàng chung của tỉnh, thu hút sự quan tâm của nhiều nhà phân phối.",
        "Chương trình xúc tiến thương mại năm {year} gồm {nn:8-25} hoạt động với tổng kinh phí {money} triệu đồng.",
    ],
    &[
        "Toàn tỉnh có {nn:6-14} cụm công nghiệp được quy hoạch với tổng diện tích {n:150-600} ha, tỷ lệ lấp đầy đạt {rate}.",
        "Chỉ số sản xuất công nghiệp tháng {month} ước tăng {pct} so với cùng kỳ năm trước.",
        "Sở đã thẩm định thiết kế cơ sở của {nn:3-20} dự án công nghiệp, trong đó có {nn:1-8} dự án thủy điện vừa và nhỏ.",
        "Công tác quản lý khai thác khoáng sản tại {district} được siết chặt, {nn:2-9} mỏ đã bị đình chỉ do không bảo đảm an toàn.",
        "Nhà đầu tư cam kết hoàn thành hạ tầng kỹ thuật của cụm công nghiệp trong năm {next_year}.",
    ],
    &[
        "Đến nay, {rate} số hộ dân trên địa bàn tỉnh đã được sử dụng điện lưới quốc gia.",
        "Dự án cấp điện nông thôn tại {district} đã đóng điện cho {n:100-1200} hộ dân ở {nn:3-20} bản.",
        "Toàn tỉnh có {n:60-150} nhà máy thủy điện đã vận hành với tổng công suất {n:1200-2800} MW.",
        "Sở yêu cầu các chủ đập thủy điện thực hiện nghiêm quy trình vận hành hồ chứa trong mùa mưa lũ năm {year}.",
        "Sản lượng điện thương phẩm ước đạt {n:300-900} triệu kWh, tăng {pct} so với cùng kỳ.",
        "Chương trình sử dụng năng lượng tiết kiệm và hiệu quả đã giúp các cơ sở tiết kiệm khoảng {pct} điện năng tiêu thụ.",
        "Công ty Điện lực Lai Châu đã xử lý {n:20-400} điểm mất an toàn lưới điện trên các tuyến đường dây trung áp.",
    ],
    &[
        "Giá {product} trên thị trường tăng nhẹ, dao động từ {price} đến {price} đồng/kg.",
        "Nguồn cung hàng hóa thiết yếu dịp Tết được bảo đảm, không xảy ra tình trạng khan hiếm, sốt giá.",
        "Giá xăng dầu được điều chỉnh theo {doc}, các cửa hàng bán lẻ niêm yết giá đầy đủ, rõ ràng.",
        "Các doanh nghiệp tham gia chương trình bình ổn giá đã dự trữ hàng hóa với tổng giá trị khoảng {money} tỷ đồng.",
        "Chỉ số giá tiêu dùng tháng {month} tăng {pct} so với tháng trước, chủ yếu do giá lương thực, thực phẩm tăng.",
    ],
    &[
        "Các Đội Quản lý thị trường đã kiểm tra {n:40-600} vụ, phát hiện và xử lý {n:10-300} vụ vi phạm, thu nộp ngân sách {money} triệu đồng.",
        "Lực lượng chức năng tạm giữ {n:100-5000} sản phẩm không rõ nguồn gốc xuất xứ tại {commune}, {district}.",
        "Tình trạng buôn lậu qua đường mòn, lối mở khu vực biên giới {district} vẫn tiềm ẩn diễn biến phức tạp.",
        "Hàng hóa vi phạm chủ yếu là mỹ phẩm, quần áo, đồ chơi trẻ em và thực phẩm không rõ nguồn gốc.",
        "Người tiêu dùng có thể phản ánh về hàng giả, hàng kém chất lượng qua đường dây nóng 0213 3800 {n:100-199}.",
    ],
    &[
        "Đoàn kiểm tra đã kiểm tra {nn:5-30} tổ chức sử dụng vật liệu nổ công nghiệp tại các mỏ đá trên địa bàn {district}.",
        "Kho chứa vật liệu nổ của {company} được bố trí đúng quy chuẩn, có đầy đủ hồ sơ theo {doc}.",
        "Các doanh nghiệp đã xây dựng kế hoạch phòng ngừa, ứng phó sự cố hóa chất theo quy định của {law}.",
        "Lớp huấn luyện kỹ thuật an toàn cho {n:20-90} học viên là thợ mìn, chỉ huy nổ mìn và thủ kho vật liệu nổ.",
    ],
    &[
        "Đến nay, {n:50-900} sản phẩm của tỉnh đã được đưa lên các sàn thương mại điện tử, trong đó có {n:20-150} sản phẩm OCOP.",
        "Lớp tập huấn hướng dẫn học viên cách chụp ảnh sản phẩm, viết nội dung giới thiệu và bán hàng trực tuyến.",
        "Tỷ lệ giao dịch thanh toán không dùng tiền mặt tại các chợ, cửa hàng tiện lợi trên địa bàn đạt {pct}.",
        "Gian hàng trực tuyến của {company} đạt doanh số {money} triệu đồng chỉ sau {nn:2-6} tháng hoạt động.",
    ],
    &[
        "Kim ngạch xuất nhập khẩu qua cửa khẩu Ma Lù Thàng ước đạt {money} triệu USD.",
        "Các mặt hàng xuất khẩu chủ yếu gồm {product}, {product} và nông sản chế biến.",
        "Hội nghị phổ biến các cam kết của hiệp định thương mại tự do cho {n:40-200} doanh nghiệp xuất khẩu trên địa bàn.",
        "Hoạt động thương mại biên giới tại {district} diễn ra ổn định, thủ tục thông quan được rút ngắn.",
    ],
    &[
        "Năm {year}, Sở tiếp nhận và giải quyết {n:500-6000} hồ sơ thủ tục hành chính, {rate} hồ sơ được giải quyết trước và đúng hạn.",
        "{n:60-130} thủ tục hành chính thuộc thẩm quyền của Sở được cung cấp dưới dạng dịch vụ công trực tuyến toàn trình.",
        "Chỉ số cải cách hành chính của Sở xếp thứ {nn:1-5} trong khối sở, ban, ngành của tỉnh.",
        "Việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính được thực hiện theo {doc}.",
    ],
    &[
        "Sở Công Thương thông báo đến các tổ chức, cá nhân có liên quan được biết và thực hiện.",
        "Thời gian nhận hồ sơ từ ngày {date} đến hết ngày {date}, trong giờ hành chính các ngày làm việc.",
        "Mọi thông tin chi tiết xin liên hệ Văn phòng Sở, điện thoại 0213 3800 {n:100-199}.",
        "Lịch tiếp công dân định kỳ vào ngày {nn:10-20} hằng tháng tại trụ sở cơ quan.",
    ],
    &[
        "Hội nghị tổng kết công tác năm {prev_year} và triển khai nhiệm vụ năm {year} của ngành Công Thương được tổ chức trực tuyến tới các huyện.",
        "Nhân dịp này, {nn:5-30} tập thể và {nn:10-60} cá nhân được tặng Giấy khen của Giám đốc Sở.",
        "Công đoàn cơ sở Sở Công Thương đã tổ chức thăm hỏi, tặng quà {n:20-120} hộ gia đình có hoàn cảnh khó khăn tại {commune}.",
    ],
];

/// Titles of each category, in the order of `words::CATEGORIES`. Each
/// combines several slots, so that titles rarely repeat even at 50,000
/// articles (a repeat gets "(đợt N)").
pub const TITLES: &[&[&str]] = &[
    &[
        "Khai giảng lớp {activity} tại {commune}, {district} tháng {month}/{year}",
        "Nghiệm thu đề án {activity} tại {commune} tháng {month}/{year}",
        "Kết quả công tác khuyến công tại {district} tháng {month}/{year}",
        "Hỗ trợ {company} đổi mới thiết bị chế biến {product}",
        "Bình chọn sản phẩm {product} tiêu biểu của {district} tháng {month}/{year}",
        "Triển khai {activity} cho đồng bào {commune}, {district} tháng {month}/{year}",
        "{company} nhận hỗ trợ kinh phí khuyến công năm {year}",
        "Bế giảng lớp {activity} tại {commune} tháng {month}/{year}",
    ],
    &[
        "Hội chợ thương mại và sản phẩm OCOP tại {district} tháng {month}/{year}",
        "Kết nối tiêu thụ {product} của {district} với doanh nghiệp tại {city} tháng {month}/{year}",
        "Đưa hàng Việt về {commune}, {district} tháng {month}/{year}",
        "Giới thiệu {product} Lai Châu tại {city} tháng {month}/{year}",
        "Kế hoạch xúc tiến thương mại cho sản phẩm {product} của {commune} {period}",
        "{company} tham gia hội chợ tại {city} năm {year}",
    ],
    &[
        "Rà soát quy hoạch cụm công nghiệp tại {commune}, {district} tháng {month}/{year}",
        "Tình hình sản xuất công nghiệp của {district} tháng {month}/{year}",
        "Kiểm tra hoạt động khai thác khoáng sản tại {commune}, {district} tháng {month}/{year}",
        "Thu hút đầu tư vào cụm công nghiệp {district} tháng {month}/{year}",
        "Làm việc với {company} về dự án mở rộng sản xuất {product}",
    ],
    &[
        "Đưa điện lưới quốc gia đến các bản của {commune}, {district} tháng {month}/{year}",
        "Bảo đảm an toàn hồ đập thủy điện tại {commune}, {district} tháng {month}/{year}",
        "Sử dụng năng lượng tiết kiệm và hiệu quả tại {company} năm {year}",
        "Kết quả cung ứng điện trên địa bàn {district} tháng {month}/{year}",
        "Kiểm tra an toàn lưới điện tại {commune} tháng {month}/{year}",
    ],
    &[
        "Tình hình giá cả thị trường {district} tháng {month}/{year}",
        "Bình ổn giá {product} tại {district} tháng {month}/{year}",
        "Bảo đảm cung ứng hàng hóa thiết yếu dịp Tết tại {commune}, {district} tháng {month}/{year}",
        "Diễn biến giá {product} trên địa bàn {district} tháng {month}/{year}",
        "Giá {product} tại các chợ của {district} tháng {month}/{year}",
    ],
    &[
        "Kiểm tra, xử lý hàng hóa không rõ nguồn gốc tại {commune}, {district} tháng {month}/{year}",
        "Kết quả chống buôn lậu, gian lận thương mại tại {district} tháng {month}/{year}",
        "Phòng, chống hàng giả tại các chợ của {district} tháng {month}/{year}",
        "Tăng cường kiểm tra kinh doanh {product} tại {commune}, {district} tháng {month}/{year}",
    ],
    &[
        "Kiểm tra an toàn vật liệu nổ công nghiệp tại {commune}, {district} tháng {month}/{year}",
        "Huấn luyện an toàn hóa chất cho doanh nghiệp {district} tháng {month}/{year}",
        "Kiểm tra kho vật liệu nổ của {company} năm {year}",
    ],
    &[
        "Đưa {product} {district} lên sàn thương mại điện tử tháng {month}/{year}",
        "Tập huấn kỹ năng bán hàng trực tuyến tại {commune}, {district} tháng {month}/{year}",
        "{company} mở gian hàng trực tuyến cho sản phẩm {product}",
    ],
    &[
        "Doanh nghiệp {district} xuất khẩu {product} qua cửa khẩu Ma Lù Thàng {period}",
        "Phổ biến hiệp định thương mại tự do cho doanh nghiệp {district} tháng {month}/{year}",
        "{company} ký hợp đồng xuất khẩu {product} năm {year}",
    ],
    &[
        "Kết quả cải cách hành chính tại {commune}, {district} {period}",
        "Triển khai dịch vụ công trực tuyến tại {district} tháng {month}/{year}",
        "Công bố thủ tục hành chính theo {doc}",
    ],
    &[
        "Thông báo lịch tiếp công dân tháng {month}/{year} tại {district}",
        "Thông báo tuyển dụng viên chức của {unit} tháng {month}/{year}",
        "Thông báo triển khai {doc}",
        "Thông báo kế hoạch {activity} tại {district} tháng {month}/{year}",
    ],
    &[
        "Hội nghị tổng kết ngành Công Thương năm {prev_year} tại {commune}, {district}",
        "Phát động phong trào thi đua tháng {month}/{year} tại {commune}, {district}",
        "Đoàn công tác của Sở làm việc tại {commune}, {district} tháng {month}/{year}",
    ],
];

/// Section headings.
pub const HEADINGS: &[&str] = &[
    "Kết quả đạt được",
    "Tình hình thực hiện",
    "Những khó khăn, vướng mắc",
    "Nhiệm vụ thời gian tới",
    "Giải pháp trọng tâm",
    "Công tác phối hợp",
    "Đánh giá chung",
    "Một số kiến nghị",
    "Ý kiến của đại biểu",
    "Kết quả cụ thể tại {district}",
    "Bối cảnh",
    "Phương hướng năm {next_year}",
    "Tổ chức thực hiện",
    "Hiệu quả bước đầu",
];

/// Bullet list items (a list ends the last item with a full stop).
pub const LIST_ITEMS: &[&str] = &[
    "{activity} tại {commune}, {district}: {n:15-120} người tham gia",
    "tiếp tục rà soát, hoàn thiện hồ sơ thanh quyết toán các đề án năm {year}",
    "tăng cường kiểm tra, giám sát việc chấp hành {doc}",
    "đẩy mạnh tuyên truyền, phổ biến {law} đến cơ sở",
    "hỗ trợ {company} xây dựng nhãn hiệu cho sản phẩm {product}",
    "phối hợp với {partner} tổ chức {activity}",
    "kiểm tra {nn:5-40} cơ sở kinh doanh trên địa bàn {district}",
    "báo cáo kết quả thực hiện về {unit} trước ngày {date}",
    "kinh phí {money} triệu đồng cho {activity}",
    "khảo sát nhu cầu của {n:20-300} cơ sở sản xuất {product}",
];

/// Table indicators: (name, unit of measure).
pub const INDICATORS: &[(&str, &str)] = &[
    ("Số cơ sở được hỗ trợ", "cơ sở"),
    ("Số lao động được đào tạo", "người"),
    ("Số cuộc kiểm tra", "cuộc"),
    ("Số vụ vi phạm được xử lý", "vụ"),
    ("Sản lượng điện thương phẩm", "triệu kWh"),
    ("Số hộ được sử dụng điện", "hộ"),
    ("Số gian hàng tại hội chợ", "gian"),
    ("Số sản phẩm OCOP", "sản phẩm"),
    ("Hồ sơ thủ tục hành chính", "hồ sơ"),
    ("Sản phẩm lên sàn thương mại điện tử", "sản phẩm"),
    ("Giá trị sản xuất công nghiệp", "tỷ đồng"),
    ("Kim ngạch xuất khẩu", "triệu USD"),
];

/// Cities outside the province, for trade fairs and buyers.
pub const CITIES: &[&str] = &[
    "Hà Nội",
    "Đà Nẵng",
    "Thành phố Hồ Chí Minh",
    "Hải Phòng",
    "Lào Cai",
    "Điện Biên",
    "Sơn La",
    "Yên Bái",
];

/// Given names and family names for quoted officials.
pub const FAMILY_NAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Tòng", "Giàng",
    "Vàng", "Lường", "Hà",
];
pub const MALE_NAMES: &[&str] = &[
    "Văn Hùng",
    "Đức Thắng",
    "Minh Tuấn",
    "Thanh Sơn",
    "Văn Chiến",
    "Văn Khánh",
    "Quốc Việt",
    "A Dình",
    "Văn Thuận",
    "Anh Dũng",
];
pub const FEMALE_NAMES: &[&str] = &[
    "Thị Mai",
    "Thị Hương",
    "Thị Thảo",
    "Hồng Phương",
    "Thị Lụa",
    "Thị Dung",
    "Thu Hà",
    "Thị Hạnh",
];
