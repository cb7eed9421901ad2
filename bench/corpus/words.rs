//! The vocabulary of the generated corpus: categories, tags, places, people,
//! units and products of a provincial Sở Công Thương (Lai Châu). All text is
//! NFC with full diacritics.

/// A category of the generated site: slug, name, description, relative weight.
pub struct Category {
    pub slug: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub weight: u64,
    /// Tags (of `TAGS`) an article of the category usually carries one of.
    pub tags: &'static [&'static str],
}

pub const CATEGORIES: &[Category] = &[
    Category {
        slug: "khuyen-cong",
        name: "Khuyến công",
        description: "Đào tạo nghề, mô hình trình diễn kỹ thuật và hỗ trợ cơ sở công nghiệp nông thôn.",
        weight: 16,
        tags: &[
            "khuyến công",
            "đào tạo nghề",
            "công nghiệp nông thôn",
            "chè",
            "tăm hương",
            "thổ cẩm",
        ],
    },
    Category {
        slug: "xuc-tien-thuong-mai",
        name: "Xúc tiến thương mại",
        description: "Hội chợ, phiên chợ hàng Việt, kết nối tiêu thụ sản phẩm đặc trưng của tỉnh.",
        weight: 14,
        tags: &[
            "xúc tiến thương mại",
            "hội chợ",
            "hàng Việt",
            "OCOP",
            "chợ nông thôn",
        ],
    },
    Category {
        slug: "quan-ly-cong-nghiep",
        name: "Quản lý công nghiệp",
        description: "Cụm công nghiệp, khoáng sản và sản xuất công nghiệp trên địa bàn tỉnh.",
        weight: 10,
        tags: &["cụm công nghiệp", "khoáng sản", "doanh nghiệp"],
    },
    Category {
        slug: "dien-nang-luong",
        name: "Điện và năng lượng",
        description: "Thủy điện, lưới điện nông thôn, sử dụng năng lượng tiết kiệm và hiệu quả.",
        weight: 12,
        tags: &[
            "điện nông thôn",
            "thủy điện",
            "tiết kiệm năng lượng",
            "an toàn điện",
            "lưới điện",
            "năng lượng tái tạo",
            "mùa mưa lũ",
        ],
    },
    Category {
        slug: "thi-truong",
        name: "Thị trường và giá cả",
        description: "Tình hình cung cầu, giá cả hàng hóa, bình ổn thị trường.",
        weight: 10,
        tags: &["giá cả", "bình ổn giá", "xăng dầu", "Tết"],
    },
    Category {
        slug: "quan-ly-thi-truong",
        name: "Quản lý thị trường",
        description: "Chống buôn lậu, gian lận thương mại, hàng giả và bảo vệ người tiêu dùng.",
        weight: 9,
        tags: &[
            "quản lý thị trường",
            "hàng giả",
            "buôn lậu",
            "bảo vệ người tiêu dùng",
            "an toàn thực phẩm",
            "kiểm tra liên ngành",
        ],
    },
    Category {
        slug: "an-toan-hoa-chat",
        name: "An toàn hóa chất và vật liệu nổ",
        description: "Quản lý, kiểm tra an toàn hóa chất và vật liệu nổ công nghiệp.",
        weight: 6,
        tags: &[
            "vật liệu nổ công nghiệp",
            "hóa chất",
            "phòng cháy chữa cháy",
        ],
    },
    Category {
        slug: "thuong-mai-dien-tu",
        name: "Thương mại điện tử",
        description: "Đưa sản phẩm địa phương lên sàn thương mại điện tử, thanh toán không dùng tiền mặt.",
        weight: 5,
        tags: &["thương mại điện tử", "chuyển đổi số", "OCOP"],
    },
    Category {
        slug: "hoi-nhap-kinh-te",
        name: "Hội nhập kinh tế quốc tế",
        description: "Thương mại biên giới, cửa khẩu, xuất nhập khẩu và các hiệp định thương mại tự do.",
        weight: 5,
        tags: &[
            "cửa khẩu Ma Lù Thàng",
            "xuất khẩu",
            "thương mại biên giới",
            "hiệp định thương mại tự do",
        ],
    },
    Category {
        slug: "cai-cach-hanh-chinh",
        name: "Cải cách hành chính",
        description: "Thủ tục hành chính, dịch vụ công trực tuyến và chuyển đổi số của ngành.",
        weight: 5,
        tags: &["dịch vụ công trực tuyến", "chuyển đổi số", "tiếp công dân"],
    },
    Category {
        slug: "thong-bao",
        name: "Thông báo",
        description: "Thông báo, lịch làm việc và văn bản chỉ đạo điều hành của Sở.",
        weight: 6,
        tags: &["tiếp công dân", "nghỉ lễ", "tuyển dụng"],
    },
    Category {
        slug: "hoat-dong-nganh",
        name: "Hoạt động của ngành",
        description: "Hội nghị, công tác Đảng, đoàn thể và thi đua khen thưởng của ngành Công Thương.",
        weight: 2,
        tags: &["thi đua khen thưởng", "doanh nghiệp"],
    },
];

/// Tags in Zipf rank order: the first are the big ones.
pub const TAGS: &[&str] = &[
    "khuyến công",
    "Lai Châu",
    "xúc tiến thương mại",
    "chè",
    "OCOP",
    "quản lý thị trường",
    "Tam Đường",
    "điện nông thôn",
    "Tân Uyên",
    "hội chợ",
    "thủy điện",
    "Than Uyên",
    "hàng Việt",
    "giá cả",
    "Sìn Hồ",
    "Phong Thổ",
    "đào tạo nghề",
    "tiết kiệm năng lượng",
    "Mường Tè",
    "Nậm Nhùn",
    "vật liệu nổ công nghiệp",
    "hóa chất",
    "xăng dầu",
    "hàng giả",
    "thương mại điện tử",
    "mắc ca",
    "thảo quả",
    "sâm Lai Châu",
    "cụm công nghiệp",
    "Tết",
    "bình ổn giá",
    "doanh nghiệp",
    "hợp tác xã",
    "cửa khẩu Ma Lù Thàng",
    "xuất khẩu",
    "an toàn điện",
    "khoáng sản",
    "dịch vụ công trực tuyến",
    "chợ nông thôn",
    "miến dong",
    "gạo Séng Cù",
    "an toàn thực phẩm",
    "chuyển đổi số",
    "bảo vệ người tiêu dùng",
    "buôn lậu",
    "thổ cẩm",
    "tăm hương",
    "cá hồi",
    "lưới điện",
    "công nghiệp nông thôn",
    "thi đua khen thưởng",
    "tiếp công dân",
    "phòng cháy chữa cháy",
    "thương mại biên giới",
    "hiệp định thương mại tự do",
    "năng lượng tái tạo",
    "mùa mưa lũ",
    "kiểm tra liên ngành",
    "nghỉ lễ",
    "tuyển dụng",
];

/// The province's districts and city, as written in running text.
pub const DISTRICTS: &[&str] = &[
    "thành phố Lai Châu",
    "huyện Tam Đường",
    "huyện Phong Thổ",
    "huyện Sìn Hồ",
    "huyện Mường Tè",
    "huyện Than Uyên",
    "huyện Tân Uyên",
    "huyện Nậm Nhùn",
];

/// Communes and wards.
pub const COMMUNES: &[&str] = &[
    "xã Bản Giang",
    "xã Nùng Nàng",
    "xã Sơn Bình",
    "xã Bình Lư",
    "xã Hồ Thầu",
    "xã Mường So",
    "xã Dào San",
    "xã Ma Li Pho",
    "xã Ma Quai",
    "xã Pa Tần",
    "xã Tả Phìn",
    "xã Mường Kim",
    "xã Phúc Than",
    "xã Trung Đồng",
    "xã Thân Thuộc",
    "xã Pắc Ta",
    "xã Bum Nưa",
    "xã Ka Lăng",
    "xã Nậm Hàng",
    "xã Lê Lợi",
    "phường Tân Phong",
    "phường Đông Phong",
    "phường Quyết Thắng",
    "xã San Thàng",
];

/// Units that act in the articles.
pub const UNITS: &[&str] = &[
    "Sở Công Thương",
    "Trung tâm Khuyến công và Xúc tiến thương mại",
    "Phòng Quản lý Công nghiệp",
    "Phòng Quản lý Thương mại",
    "Phòng Quản lý Năng lượng",
    "Phòng Kế hoạch - Tài chính - Tổng hợp",
    "Văn phòng Sở",
    "Thanh tra Sở",
    "Cục Quản lý thị trường tỉnh",
    "Công ty Điện lực Lai Châu",
];

/// Partner agencies.
pub const PARTNERS: &[&str] = &[
    "Bộ Công Thương",
    "Cục Công Thương địa phương",
    "Cục Xúc tiến thương mại",
    "Cục Điều tiết điện lực",
    "Cục Thương mại điện tử và Kinh tế số",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Công an tỉnh",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Liên minh Hợp tác xã tỉnh",
    "Hiệp hội Doanh nghiệp tỉnh",
    "Ủy ban nhân dân các huyện, thành phố",
    "Đài Phát thanh và Truyền hình tỉnh",
];

/// Products of the province.
pub const PRODUCTS: &[&str] = &[
    "chè Shan tuyết",
    "chè búp tươi",
    "chè xanh",
    "thảo quả",
    "sâm Lai Châu",
    "gạo Séng Cù",
    "gạo tẻ râu",
    "mắc ca",
    "miến dong",
    "dong riềng",
    "tăm hương",
    "hương nén",
    "thổ cẩm",
    "cá hồi",
    "cá tầm",
    "mật ong",
    "măng đắng",
    "thịt trâu sấy",
    "quế",
    "chuối",
    "hàng mây tre đan",
    "đồ gỗ dân dụng",
];

/// Activities of the department, as noun phrases.
pub const ACTIVITIES: &[&str] = &[
    "đào tạo nghề chế biến chè",
    "mô hình trình diễn kỹ thuật sấy thảo quả",
    "hỗ trợ máy móc thiết bị chế biến nông sản",
    "đào tạo nghề dệt thổ cẩm",
    "mô hình sản xuất tăm hương, hương nén",
    "hỗ trợ xây dựng thương hiệu sản phẩm",
    "tập huấn sử dụng năng lượng tiết kiệm và hiệu quả",
    "huấn luyện an toàn vật liệu nổ công nghiệp",
    "kiểm tra an toàn hóa chất",
    "phiên chợ hàng Việt về miền núi",
    "hội chợ thương mại và sản phẩm OCOP",
    "kết nối cung cầu hàng hóa",
    "kiểm tra hoạt động kinh doanh xăng dầu",
    "kiểm tra an toàn hồ đập thủy điện",
    "đầu tư lưới điện nông thôn",
    "tập huấn thương mại điện tử",
    "hỗ trợ đưa sản phẩm lên sàn thương mại điện tử",
    "rà soát quy hoạch cụm công nghiệp",
    "đào tạo nghề mây tre đan",
    "mô hình chế biến miến dong",
    "tuyên truyền phòng, chống hàng giả",
    "kiểm tra an toàn điện mùa mưa bão",
];

/// Authors of the articles.
pub const AUTHORS: &[&str] = &[
    "Nguyễn Luyến",
    "Hoàng Thị Mai",
    "Trần Văn Hùng",
    "Lò Thị Hương",
    "Phạm Đức Thắng",
    "Vũ Thị Thảo",
    "Đặng Minh Tuấn",
    "Lê Thanh Sơn",
    "Bùi Thị Nga",
    "Tòng Văn Chiến",
    "Giàng A Dình",
    "Vàng Thị Dung",
    "Đỗ Hồng Phương",
    "Nguyễn Thị Hải Yến",
    "Lò Văn Khánh",
    "Trần Quốc Việt",
    "Hà Thị Lụa",
    "Lường Văn Thuận",
    "Phan Anh Dũng",
    "Chu Thị Hạnh",
];

/// Departments named in `department:`.
pub const DEPARTMENTS: &[&str] = &[
    "Phòng Quản lý Công nghiệp",
    "Phòng Quản lý Thương mại",
    "Phòng Kế hoạch - Tài chính - Tổng hợp",
    "Phòng Quản lý Năng lượng",
    "Văn phòng Sở",
    "Trung tâm Khuyến công và Xúc tiến thương mại",
];

/// Officials quoted in the articles.
pub const OFFICIALS: &[&str] = &[
    "Giám đốc Sở Công Thương",
    "Phó Giám đốc Sở Công Thương",
    "Giám đốc Trung tâm Khuyến công và Xúc tiến thương mại",
    "Trưởng phòng Quản lý Công nghiệp",
    "Trưởng phòng Quản lý Thương mại",
    "Chánh Thanh tra Sở",
    "Phó Chủ tịch Ủy ban nhân dân tỉnh",
];

/// Kinds of enterprise, for company names.
pub const COMPANY_KINDS: &[&str] = &[
    "Công ty TNHH",
    "Công ty cổ phần",
    "Hợp tác xã",
    "Tổ hợp tác",
    "Doanh nghiệp tư nhân",
];

/// Legal documents: (kind, issuer pattern). `{n}` and `{y}` are filled in.
pub const DOCUMENTS: &[&str] = &[
    "Nghị định số {n}/{y}/NĐ-CP",
    "Thông tư số {n}/{y}/TT-BCT",
    "Quyết định số {n}/QĐ-UBND",
    "Quyết định số {n}/QĐ-TTg",
    "Kế hoạch số {n}/KH-SCT",
    "Kế hoạch số {n}/KH-UBND",
    "Công văn số {n}/SCT-QLTM",
    "Công văn số {n}/SCT-QLCN",
    "Chỉ thị số {n}/CT-UBND",
    "Nghị quyết số {n}/{y}/NQ-HĐND",
];

/// Laws cited by name.
pub const LAWS: &[&str] = &[
    "Luật Điện lực",
    "Luật Hóa chất",
    "Luật Sử dụng năng lượng tiết kiệm và hiệu quả",
    "Luật Quản lý thị trường",
    "Luật Quản lý, sử dụng vật liệu nổ, vũ khí và công cụ hỗ trợ",
    "Luật Bảo vệ quyền lợi người tiêu dùng",
    "Luật Thương mại",
    "Luật Cạnh tranh",
];

/// Topics of the regulations, for footnotes.
pub const REGULATED: &[&str] = &[
    "khuyến công",
    "phát triển cụm công nghiệp",
    "kinh doanh xăng dầu",
    "thương mại điện tử",
    "an toàn điện",
    "quản lý an toàn đập, hồ chứa thủy điện",
    "hoạt động xúc tiến thương mại",
    "xử phạt vi phạm hành chính trong hoạt động thương mại",
    "sản xuất, kinh doanh hóa chất",
    "phát triển và quản lý chợ",
];
