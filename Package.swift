// swift-tools-version: 6.0
// Riposte: who accuses whom of what, who denies, admits, apologises… in French and English text.
import PackageDescription

let package = Package(
    name: "Riposte",
    products: [
        .library(name: "Riposte", targets: ["Riposte"]),
        .executable(name: "riposte", targets: ["RiposteCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries (Debian: libicu-dev, libutf8proc-dev, zlib1g-dev). ICU sits behind a small
        // C target (see Sources/CICU/include/riposte_icu.h for why).
        .target(name: "CICU", linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]),
        .systemLibrary(name: "CUTF8Proc", path: "Sources/CUTF8Proc"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),

        // Stage modules, in pipeline order.
        .target(name: "RiposteText"),
        .target(name: "RiposteICU", dependencies: ["CICU"]),
        .target(name: "RiposteNormalize", dependencies: ["RiposteText", "CUTF8Proc"]),
        .target(name: "RiposteIngest", dependencies: ["RiposteText", "RiposteICU", "CZlib"]),
        .target(name: "RiposteLexicon", dependencies: ["RiposteText", "RiposteNormalize"]),
        .target(name: "RiposteSegment", dependencies: ["RiposteText", "RiposteICU", "RiposteNormalize", "RiposteLexicon"]),
        .target(name: "RiposteParties", dependencies: ["RiposteText", "RiposteSegment", "RiposteLexicon"]),
        .target(name: "RiposteRecords", dependencies: ["RiposteText", "RiposteSegment", "RiposteLexicon", "RiposteParties"]),
        .target(name: "RiposteOutput", dependencies: ["RiposteText", "RiposteParties", "RiposteRecords"]),
        .target(name: "Riposte", dependencies: [
            "RiposteText", "RiposteICU", "RiposteNormalize", "RiposteIngest", "RiposteLexicon",
            "RiposteSegment", "RiposteParties", "RiposteRecords", "RiposteOutput",
        ]),
        .executableTarget(name: "RiposteCLI", dependencies: [
            "Riposte",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Test-only helpers (not in any product).
        .target(name: "RiposteTestSupport"),

        .testTarget(name: "RiposteNormalizeTests", dependencies: ["RiposteNormalize", "RiposteText"]),
        .testTarget(name: "RiposteSegmentTests", dependencies: ["RiposteSegment", "Riposte"]),
        .testTarget(name: "RiposteIngestTests", dependencies: ["RiposteIngest", "Riposte"]),
        .testTarget(name: "RiposteRecordsTests", dependencies: ["Riposte", "RiposteTestSupport"]),
        .testTarget(name: "RiposteCLITests", dependencies: ["Riposte", "RiposteTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
