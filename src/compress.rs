//! Pre-compression stage: output files -> the same files plus `.gz` and
//! `.br` copies of the text files (HTML, CSS, JS, XML, JSON, SVG) larger
//! than 1 KB, for nginx's `gzip_static` and `brotli_static`. Bytes are
//! deterministic: the gzip header carries no file name and no time. Runs in
//! parallel; switched by `compress:` in site.yaml (off by default).

use std::io::Write as _;

use flate2::{Compression as GzipLevel, GzBuilder};
use rayon::prelude::*;

use crate::config::Compression;
use crate::output::{Contents, OutputError, OutputFile};

/// Extensions of the files that get compressed copies.
pub const EXTENSIONS: &[&str] = &["html", "css", "js", "mjs", "xml", "json", "svg"];

/// Files of this size or smaller are left alone: compression saves little
/// and costs a request header either way.
pub const MIN_BYTES: usize = 1024;

/// Brotli quality. Measured on a 14 KB page (release build): quality 8
/// takes about 1.5 ms and gives 3,564 bytes; 9 takes 16 ms for the same
/// size (its hasher is far larger), 11 takes 33 ms for 7 % less. gzip -9
/// gives 3,881 bytes in 0.3 ms.
pub const BROTLI_QUALITY: u32 = 8;

/// Brotli window (log2 of its size), the encoder's default. A smaller
/// window makes qualities 5 to 9 switch to slower hashers.
const BROTLI_WINDOW: u32 = 22;

/// The compressed copies of `files`, in the order of `files`.
pub fn precompress(
    settings: Compression,
    files: &[OutputFile],
) -> Result<Vec<OutputFile>, OutputError> {
    if !settings.gzip && !settings.brotli {
        return Ok(Vec::new());
    }
    let copies: Vec<Vec<OutputFile>> = files
        .par_iter()
        .filter(|file| is_compressible(&file.path))
        .map(|file| copies_of(settings, file))
        .collect::<Result<_, _>>()?;
    Ok(copies.into_iter().flatten().collect())
}

/// Whether a path has one of the compressed extensions.
pub fn is_compressible(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.rsplit_once('.')
        .is_some_and(|(_, extension)| EXTENSIONS.contains(&extension))
}

/// The compressed copies of one file (none when it is not compressible or
/// compression is off).
pub fn copies(settings: Compression, file: &OutputFile) -> Result<Vec<OutputFile>, OutputError> {
    if (!settings.gzip && !settings.brotli) || !is_compressible(&file.path) {
        return Ok(Vec::new());
    }
    copies_of(settings, file)
}

fn copies_of(settings: Compression, file: &OutputFile) -> Result<Vec<OutputFile>, OutputError> {
    let bytes = file.contents.read().map_err(|error| {
        let path = match &file.contents {
            Contents::Copy(path) => path.clone(),
            Contents::Bytes(_) | Contents::Shared(_) => file.path.clone().into(),
        };
        OutputError::Io(path, error)
    })?;
    let mut copies = Vec::new();
    if bytes.len() <= MIN_BYTES {
        return Ok(copies);
    }
    let mut add = |extension: &str, compressed: Vec<u8>| {
        if compressed.len() < bytes.len() {
            copies.push(OutputFile {
                path: format!("{}.{extension}", file.path),
                contents: Contents::Bytes(compressed),
            });
        }
    };
    if settings.gzip {
        add("gz", gzip(&bytes));
    }
    if settings.brotli {
        add("br", brotli(&bytes));
    }
    Ok(copies)
}

/// Gzip at the best level, with a header free of name and time (mtime 0).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzBuilder::new()
        .mtime(0)
        .write(Vec::with_capacity(bytes.len() / 3), GzipLevel::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

/// Brotli at `BROTLI_QUALITY`.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut compressed = Vec::with_capacity(bytes.len() / 3);
    {
        let mut writer =
            brotli::CompressorWriter::new(&mut compressed, 4096, BROTLI_QUALITY, BROTLI_WINDOW);
        let _ = writer.write_all(bytes);
    }
    compressed
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: Contents::Bytes(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn compresses_large_text_files_only() {
        let big = "<p>Khuyến công Lai Châu</p>\n".repeat(100);
        let files = [
            file("index.html", &big),
            file("small.html", "<p>nhỏ</p>"),
            file("anh.png", &big),
            file("feed.xml", &big),
        ];
        let both = Compression {
            gzip: true,
            brotli: true,
        };
        let copies = precompress(both, &files).expect("compress");
        let paths: Vec<&str> = copies.iter().map(|copy| copy.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "index.html.gz",
                "index.html.br",
                "feed.xml.gz",
                "feed.xml.br"
            ]
        );
        assert!(
            precompress(Compression::default(), &files)
                .expect("off")
                .is_empty()
        );
    }

    #[test]
    fn copies_decompress_to_the_original_and_are_deterministic() {
        let text = "Sở Công Thương tỉnh Lai Châu — bản tin. ".repeat(200);
        let gz = gzip(text.as_bytes());
        assert_eq!(gz, gzip(text.as_bytes()));
        // No FNAME flag, mtime zero: bytes 3..8 of the header.
        assert_eq!(&gz[3..8], &[0, 0, 0, 0, 0]);
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut unzipped)
            .expect("gunzip");
        assert_eq!(unzipped, text);
        let br = brotli(text.as_bytes());
        assert_eq!(br, brotli(text.as_bytes()));
        let mut unbrotli = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut unbrotli)
            .expect("brotli");
        assert_eq!(unbrotli, text);
    }
}
