//! Text stage: splits an article into paragraphs and sentences, finds quotations, and
//! tokenises sentences into words, numbers and punctuation with byte offsets.
//!
//! Everything here is linear in the length of the text and allocation-light: tokens are
//! offsets into the article, and their lowercase forms live in one reusable buffer.

use unicode_normalization::UnicodeNormalization;

/// A sentence: a byte range of the article text and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// First byte (after leading whitespace).
    pub start: usize,
    /// One past the last byte (before trailing whitespace).
    pub end: usize,
    /// Paragraph number, from 0.
    pub para: u32,
}

/// Longest sentence, in bytes; longer runs of text are cut at whitespace.
pub const MAX_SENTENCE: usize = 2000;

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "cmdr", "sen",
    "rep", "gov", "st", "jr", "sr", "prof", "rev", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc", "inc", "corp", "co", "ltd", "mt", "ft",
    "approx", "dept", "est", "fig", "gov't", "pres", "amb", "brig", "pvt", "cpl", "hon", "messrs",
];

fn is_abbreviation(word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    // Initials and dotted acronyms: "J", "U.S", "D.C", "a.m".
    let letters = word.split('.').all(|p| p.chars().count() == 1);
    if letters {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\u{bb}'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201c}' | '\u{2018}' | '(' | '[' | '\u{ab}' | '\''
    )
}

/// Splits `text` into sentences.
///
/// Boundaries: blank lines (new paragraph); a line break unless the next line starts in
/// lowercase (a soft wrap); `.`, `!` or `?` (with any closing quotes or brackets) followed by
/// whitespace and an uppercase letter, digit or opening quote, unless the word before the full
/// stop is an abbreviation or an initial.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut para = 0u32;
    let mut start = 0usize;
    let mut i = 0usize;
    let n = bytes.len();

    let push = |s: usize, e: usize, para: u32, out: &mut Vec<Sentence>| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        let (mut s2, e2) = (s + lead, e - trail);
        // A "sentence" longer than any real one (a list, a table, junk) is cut at whitespace
        // so that work per sentence stays bounded.
        while s2 < e2 && e2 - s2 > MAX_SENTENCE {
            let mut cut = s2 + MAX_SENTENCE;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let piece = &text[s2..cut];
            let at = piece
                .rfind(char::is_whitespace)
                .filter(|&i| i > 0)
                .map_or(cut, |i| s2 + i);
            out.push(Sentence {
                start: s2,
                end: at,
                para,
            });
            s2 = at;
            while s2 < e2 && text[s2..].starts_with(char::is_whitespace) {
                s2 += text[s2..].chars().next().map_or(1, char::len_utf8);
            }
        }
        if s2 < e2 {
            out.push(Sentence {
                start: s2,
                end: e2,
                para,
            });
        }
    };

    while i < n {
        let b = bytes[i];
        if b == b'\n' {
            // Look at what follows the line break.
            let mut j = i + 1;
            let mut blank = false;
            while j < n && bytes[j].is_ascii_whitespace() {
                if bytes[j] == b'\n' {
                    blank = true;
                }
                j += 1;
            }
            let next = text[j..].chars().next();
            if blank || j >= n {
                push(start, i, para, &mut out);
                if blank {
                    para += 1;
                }
                start = j;
                i = j;
                continue;
            }
            if !next.is_some_and(|c| c.is_lowercase()) {
                push(start, i, para, &mut out);
                start = j;
                i = j;
                continue;
            }
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            // Extend over repeated terminators and closing quotes/brackets.
            let mut j = i + 1;
            while j < n && matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            let mut k = j;
            while k < n {
                let c = text[k..].chars().next().unwrap();
                if is_closer(c) {
                    k += c.len_utf8();
                } else {
                    break;
                }
            }
            // Needs whitespace, then a sentence start.
            let mut m = k;
            let mut saw_space = false;
            while m < n && (bytes[m] == b' ' || bytes[m] == b'\t' || bytes[m] == b'\r') {
                m += 1;
                saw_space = true;
            }
            let next = text[m..].chars().next();
            let starts_sentence = next.is_some_and(|c| {
                c.is_uppercase() || c.is_ascii_digit() || is_opener(c) || c == '\u{2014}'
            });
            if b == b'.' && j == i + 1 {
                // The word before the full stop.
                let before = &text[start..i];
                let word_start = before
                    .rfind(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\''))
                    .map(|p| p + before[p..].chars().next().unwrap().len_utf8())
                    .unwrap_or(0);
                let word = &before[word_start..];
                if is_abbreviation(word) && (k <= j) {
                    // "U.S." followed by a capital is ambiguous; keep going unless a line ends.
                    i = j;
                    continue;
                }
            }
            // `."The next` (a closing quote glued to the next sentence) also ends one.
            let glued =
                !saw_space && k > j && next.is_some_and(|c| c.is_uppercase() || is_opener(c));
            if (saw_space && starts_sentence) || glued || (m < n && bytes[m] == b'\n') {
                push(start, k, para, &mut out);
                start = k;
                i = k;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    push(start, n, para, &mut out);
    out
}

/// Finds quotations in the text: byte ranges of the quoted content (without the marks).
///
/// Curly quotes pair as they open and close; straight double quotes toggle. A quotation left
/// open at the end of a paragraph closes there (news style reopens it in the next paragraph).
pub fn quotes(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let bytes = text.as_bytes();
    let iter = text.char_indices().peekable();
    for (i, c) in iter {
        match c {
            '\u{201c}' | '\u{ab}' => {
                if let Some(s) = open.take() {
                    // A new opening mark closes a quotation left open.
                    if s < i {
                        out.push((s, i));
                    }
                }
                open = Some(i + c.len_utf8());
            }
            '\u{201d}' | '\u{bb}' => {
                if let Some(s) = open.take() {
                    out.push((s, i));
                }
            }
            '"' => match open.take() {
                Some(s) => out.push((s, i)),
                None => open = Some(i + 1),
            },
            '\n' => {
                // A blank line closes any open quotation.
                let mut j = i + 1;
                while j < bytes.len()
                    && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r')
                {
                    j += 1;
                }
                if j < bytes.len()
                    && bytes[j] == b'\n'
                    && let Some(s) = open.take()
                    && s < i
                {
                    out.push((s, i));
                }
            }
            _ => {}
        }
    }
    if let Some(s) = open
        && s < text.len()
    {
        out.push((s, text.len()));
    }
    out
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (with digits, inner hyphens, dots and apostrophes).
    Word,
    /// Starts with a digit.
    Number,
    /// A single punctuation or symbol character.
    Punct,
}

/// A token: a byte range of the article, its kind, and the byte range of its lowercase form in
/// the tokeniser's buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First byte in the article.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Start of the lowercase form in [`Tokens::lower`].
    pub lstart: u32,
    /// End of the lowercase form.
    pub lend: u32,
    /// Kind.
    pub kind: TokKind,
    /// First character is uppercase.
    pub cap: bool,
}

/// Tokens of one sentence with their lowercase forms.
#[derive(Debug, Default, Clone)]
pub struct Tokens {
    /// The tokens, in order.
    pub toks: Vec<Token>,
    /// Concatenated lowercase forms (curly apostrophes folded to `'`).
    pub lower: String,
}

impl Tokens {
    /// Lowercase form of token `i`.
    pub fn low(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.lower[t.lstart as usize..t.lend as usize]
    }

    /// Clears the buffers for reuse.
    pub fn clear(&mut self) {
        self.toks.clear();
        self.lower.clear();
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036f)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Tokenises `text[start..end]`, appending to `out` (which is not cleared).
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Tokens) {
    let s = &text[start..end];
    let bytes = s.as_bytes();
    let mut next = 0;
    while next < s.len() {
        let i = next;
        // ASCII spaces are the commonest case.
        if bytes[i] == b' ' {
            next += 1;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        next = i + c.len_utf8();
        if c.is_whitespace() || c.is_control() {
            continue;
        }
        let abs = start + i;
        if is_word_char(c) {
            let numeric = c.is_ascii_digit();
            let mut j = i + c.len_utf8();
            // Extend the word.
            loop {
                // ASCII letters and digits first, without decoding.
                while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
                    j += 1;
                }
                let rest = &s[j..];
                let Some(c2) = rest.chars().next() else { break };
                if is_word_char(c2) {
                    j += c2.len_utf8();
                    continue;
                }
                let after = rest[c2.len_utf8()..].chars().next();
                if c2 == '-' && after.is_some_and(is_word_char) {
                    j += 1;
                    continue;
                }
                if (c2 == '.' || c2 == ',') && numeric && after.is_some_and(|a| a.is_ascii_digit())
                {
                    j += 1;
                    continue;
                }
                if c2 == '.' && after.is_some_and(|a| a.is_alphabetic()) {
                    // Dotted acronyms: U.S, U.N; keep the dot if the parts are single letters.
                    let word = &s[i..j];
                    if word
                        .rsplit('.')
                        .next()
                        .is_some_and(|p| p.chars().count() == 1)
                    {
                        j += 1;
                        continue;
                    }
                    break;
                }
                if is_apostrophe(c2) && after.is_some_and(|a| a.is_alphabetic()) {
                    // Possessive 's ends the word; other apostrophes stay inside (didn't, O'Brien).
                    let tail = &rest[c2.len_utf8()..];
                    let mut tc = tail.chars();
                    let first = tc.next();
                    let second = tc.next();
                    if matches!(first, Some('s') | Some('S')) && !second.is_some_and(is_word_char) {
                        break;
                    }
                    j += c2.len_utf8();
                    continue;
                }
                break;
            }
            // A dotted acronym keeps its final dot: "U.S." (two or more single letters).
            let word = &s[i..j];
            if word.contains('.')
                && s[j..].starts_with('.')
                && word.split('.').all(|p| p.chars().count() == 1)
            {
                j += 1;
            }
            push_token(
                out,
                text,
                abs,
                start + j,
                if numeric {
                    TokKind::Number
                } else {
                    TokKind::Word
                },
            );
            next = j;
            continue;
        }
        if is_apostrophe(c) {
            // Possessive 's / ' as its own token.
            let rest = &s[i + c.len_utf8()..];
            let mut rc = rest.chars();
            if matches!(rc.next(), Some('s') | Some('S')) && !rc.next().is_some_and(is_word_char) {
                let j = i + c.len_utf8() + 1;
                push_token(out, text, abs, start + j, TokKind::Punct);
                next = j;
                continue;
            }
        }
        push_token(out, text, abs, abs + c.len_utf8(), TokKind::Punct);
    }
}

fn push_token(out: &mut Tokens, text: &str, start: usize, end: usize, kind: TokKind) {
    let surface = &text[start..end];
    let lstart = out.lower.len();
    if surface.is_ascii() {
        out.lower.push_str(surface);
        out.lower.as_mut_str()[lstart..].make_ascii_lowercase();
    } else {
        push_lower(&mut out.lower, surface);
    }
    let cap = surface.chars().next().is_some_and(|c| c.is_uppercase());
    out.toks.push(Token {
        start: start as u32,
        end: end as u32,
        lstart: lstart as u32,
        lend: out.lower.len() as u32,
        kind,
        cap,
    });
}

/// Appends the lowercase form of `surface` to `lower`, curly apostrophes straightened.
fn push_lower(lower: &mut String, surface: &str) {
    for ch in surface.chars() {
        if ch == '\u{2019}' || ch == '\u{2018}' {
            lower.push('\'');
        } else if ch.is_ascii() {
            lower.push(ch.to_ascii_lowercase());
        } else {
            lower.extend(ch.to_lowercase());
        }
    }
}

/// Folds a string for lookups: Unicode compatibility decomposition, accents and other combining
/// marks removed, a few letters that do not decompose mapped (ł, ø, ß...), curly quotes
/// straightened, lowercase.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        // NFKD is the identity on ASCII and no ASCII character is a mark: only case and the
        // backtick change.
        return s
            .bytes()
            .map(|b| match b {
                b'`' => '\'',
                _ => b.to_ascii_lowercase() as char,
            })
            .collect();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_mark(c)
            || matches!(c as u32, 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x20d0..=0x20ff | 0xfe20..=0xfe2f)
        {
            continue;
        }
        match c {
            'ł' | 'Ł' => out.push('l'),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' | 'ð' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            'þ' | 'Þ' => out.push_str("th"),
            '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => out.push('\''),
            '\u{201c}' | '\u{201d}' => out.push('"'),
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => out.push('-'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Removes accents but keeps case: "Erdoğan" → "Erdogan". Returns None when nothing changes.
pub fn strip_accents(s: &str) -> Option<String> {
    if s.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_mark(c) {
            continue;
        }
        match c {
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            'ı' => out.push('i'),
            _ => out.push(c),
        }
    }
    let out: String = out.nfc().collect();
    if out == s { None } else { Some(out) }
}

/// A key for matching names loosely: folded, dots, apostrophes and a trailing "'s" removed,
/// other punctuation turned into single spaces, a leading "the " dropped.
pub fn name_key(s: &str) -> String {
    let f = fold(s.trim());
    let f = f.strip_suffix("'s").unwrap_or(&f);
    let mut out = String::with_capacity(f.len());
    let mut space = false;
    for c in f.chars() {
        if c == '.' || c == '\'' {
            continue;
        }
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    match out.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => out,
    }
}

/// A lowercase ASCII-ish slug for ids: "Volodymyr Zelenskyy" → "volodymyr_zelenskyy".
pub fn slug(s: &str) -> String {
    let f = fold(s);
    let mut out = String::with_capacity(f.len());
    let mut sep = false;
    for c in f.chars() {
        if c.is_alphanumeric() {
            if sep && !out.is_empty() {
                out.push('_');
            }
            sep = false;
            out.push(c);
        } else if c != '\'' && c != '.' {
            sep = true;
        }
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        sentences(t).iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let t = "Lt. Gen. Joseph Smith met Mr. Jones in the U.S. on Friday. He left. \"Fine,\" he said.\n\nNew para.";
        assert_eq!(
            sents(t),
            vec![
                "Lt. Gen. Joseph Smith met Mr. Jones in the U.S. on Friday.",
                "He left.",
                "\"Fine,\" he said.",
                "New para."
            ]
        );
        let s = sentences(t);
        assert_eq!(s[3].para, 1);
    }

    #[test]
    fn blank_runs_and_overlong_sentences() {
        // A blanked header line is only whitespace: no sentence, no endless loop.
        assert_eq!(sents("               \n\nText here."), vec!["Text here."]);
        let long = "word ".repeat(1000);
        let s = sentences(&long);
        assert!(s.len() >= 3, "{} pieces", s.len());
        assert!(s.iter().all(|x| x.end - x.start <= MAX_SENTENCE));
        assert_eq!(
            s.iter()
                .map(|x| long[x.start..x.end].split_whitespace().count())
                .sum::<usize>(),
            1000
        );
    }

    #[test]
    fn quote_closes_sentence() {
        let t = "He said: \u{201c}We won.\u{201d} Then he left.";
        assert_eq!(
            sents(t),
            vec!["He said: \u{201c}We won.\u{201d}", "Then he left."]
        );
    }

    #[test]
    fn soft_wrapped_lines_join() {
        let t = "The minister said\nthat talks would go on.\nNext line.";
        assert_eq!(
            sents(t),
            vec!["The minister said\nthat talks would go on.", "Next line."]
        );
    }

    #[test]
    fn tokens_split_possessive_keep_hyphens_and_acronyms() {
        let t = "Putin\u{2019}s Su-34 hit the U.S. base; didn't Kosiniak-Kamysz say $1.5 billion?";
        let mut toks = Tokens::default();
        tokenize(t, 0, t.len(), &mut toks);
        let words: Vec<&str> = toks
            .toks
            .iter()
            .map(|k| &t[k.start as usize..k.end as usize])
            .collect();
        assert_eq!(
            words,
            vec![
                "Putin",
                "\u{2019}s",
                "Su-34",
                "hit",
                "the",
                "U.S.",
                "base",
                ";",
                "didn't",
                "Kosiniak-Kamysz",
                "say",
                "$",
                "1.5",
                "billion",
                "?"
            ]
        );
        assert_eq!(toks.low(1), "'s");
        assert!(toks.toks[0].cap);
    }

    #[test]
    fn quotes_pair_and_close_at_paragraph_end() {
        let t = "A \u{201c}one\u{201d} and \"two\" and \u{201c}open\n\nnext";
        let q: Vec<&str> = quotes(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(q, vec!["one", "two", "open"]);
    }

    #[test]
    fn folding_and_keys() {
        assert_eq!(fold("Erdoğan Łukasz"), "erdogan lukasz");
        assert_eq!(strip_accents("Erdoğan").as_deref(), Some("Erdogan"));
        assert_eq!(strip_accents("Putin"), None);
        assert_eq!(name_key("The U.S.'s"), "us");
        assert_eq!(name_key("Zelenskyy\u{2019}s"), "zelenskyy");
        assert_eq!(slug("Volodymyr Zelenskyy"), "volodymyr_zelenskyy");
        assert_eq!(
            slug("Władysław Kosiniak-Kamysz"),
            "wladyslaw_kosiniak_kamysz"
        );
    }
}
