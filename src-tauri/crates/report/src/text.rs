//! Text as it enters a report (typed, pasted, imported): without the characters nobody sees
//! but a printer chokes on.

/// `text` without invisible characters: zero-width spaces and joiners, byte-order marks,
/// soft hyphens, direction marks and embeddings, variation selectors, and control characters.
/// Line ends are kept as `\n` (a `\r\n`, a lone `\r` and the Unicode line and paragraph
/// separators become one); a tab becomes a space, so that words it separated stay apart.
pub fn strip_invisible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push(' '),
            ch if is_invisible(ch) => {}
            ch => out.push(ch),
        }
    }
    out
}

/// Characters that print nothing and mean nothing in a report's text.
fn is_invisible(ch: char) -> bool {
    ch.is_control()
        || matches!(ch,
            '\u{00AD}'                      // soft hyphen
            | '\u{034F}'                    // combining grapheme joiner
            | '\u{061C}'                    // Arabic letter mark
            | '\u{115F}' | '\u{1160}'       // Hangul fillers
            | '\u{180B}'..='\u{180F}'       // Mongolian variation selectors and vowel separator
            | '\u{200B}'..='\u{200F}'       // zero-width space, (non-)joiner, LRM, RLM
            | '\u{202A}'..='\u{202E}'       // bidi embeddings and overrides
            | '\u{2060}'..='\u{206F}'       // word joiner, invisible operators, bidi isolates
            | '\u{3164}'                    // Hangul filler
            | '\u{FE00}'..='\u{FE0F}'       // variation selectors
            | '\u{FEFF}'                    // byte-order mark, zero-width no-break space
            | '\u{FFA0}'                    // half-width Hangul filler
            | '\u{FFF9}'..='\u{FFFB}'       // interlinear annotation
            | '\u{E0000}'..='\u{E007F}'     // tags
            | '\u{E0100}'..='\u{E01EF}' // variation selectors supplement
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_removed_and_the_text_kept() {
        let pasted = "\u{feff}政府\u{200b}信息\u{200c}公\u{200d}开\u{2060}工作\u{00ad}年度\u{202e}报告\u{fe0f}";
        assert_eq!(strip_invisible(pasted), "政府信息公开工作年度报告");
    }

    #[test]
    fn control_characters_go_and_line_ends_become_newlines() {
        assert_eq!(
            strip_invisible("一\r\n二\r三\n四\u{2028}五\u{7}六\u{0}七\u{85}八\u{1b}"),
            "一\n二\n三\n四\n五六七八"
        );
        assert_eq!(strip_invisible("Open\tdata"), "Open data");
    }

    #[test]
    fn ordinary_text_passes_unchanged() {
        let text = "（一）主动公开情况。2020年，共发布信息111600条，占比63.8%；“六稳”“六保”……\n\
                    𠮷 〔2020〕161号 — Ａ ａ １ 　全角空格";
        assert_eq!(strip_invisible(text), text);
    }
}
