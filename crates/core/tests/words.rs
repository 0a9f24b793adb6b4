//! Words by Unicode's word boundaries, and in scripts written without spaces by a model of
//! the language: what a double-click takes.

use marginalia_core::Article;
use marginalia_fixtures::THAI_WORDS;

/// The word `word_at` finds at each code point of `text`, as text.
fn words(text: &str) -> Vec<Option<String>> {
    let article = Article::new(text.to_owned());
    (0..article.len_chars())
        .map(|c| {
            article
                .word_at(c)
                .and_then(|(s, e)| article.slice_chars(s, e).map(str::to_owned))
        })
        .collect()
}

#[test]
fn a_word_keeps_its_marks_joiners_and_numbers_in_any_script() {
    for (text, word) in [
        ("Zoë, e\u{301}tude!", "e\u{301}tude"),
        // Arabic with its vowel marks, Persian with its zero-width non-joiner.
        ("قال مُحَمَّد:", "مُحَمَّد"),
        ("نمی‌خواهم.", "نمی‌خواهم"),
        ("up 12,000 (3.5%)", "12,000"),
        ("up 12,000 (3.5%)", "3.5"),
    ] {
        let all = words(text);
        let start = text.find(word).map(|b| text[..b].chars().count()).unwrap();
        for (c, found) in all
            .iter()
            .enumerate()
            .skip(start)
            .take(word.chars().count())
        {
            assert_eq!(found.as_deref(), Some(word), "{text:?} at {c}");
        }
    }
}

#[test]
fn in_scripts_without_spaces_a_model_of_the_language_finds_the_word() {
    let thai = THAI_WORDS.concat();
    let text = format!("外交部 said 北京回应; {thai} ok\n日本");
    let all = words(&text);
    // Each code point of a word selects that word, in every script (the Thai sentence
    // has each of its words once).
    let at = |word: &str| text[..text.find(word).unwrap()].chars().count();
    for word in ["外交部", "said", "北京", "回应"]
        .into_iter()
        .chain(THAI_WORDS)
    {
        let here = all.iter().skip(at(word)).take(word.chars().count());
        for (c, found) in here.enumerate() {
            assert_eq!(found.as_deref(), Some(word), "{word}, character {c}");
        }
    }
    // Never across a line.
    assert_eq!(all.last().cloned().flatten().as_deref(), Some("日本"));

    // In a long paragraph, the model reads only around the click, and still finds the word.
    let sentence = THAI_WORDS;
    let long = Article::new(sentence.concat().repeat(12));
    let mut c = 5 * sentence.concat().chars().count();
    for word in sentence {
        let found = long.word_at(c).and_then(|(s, e)| long.slice_chars(s, e));
        assert_eq!(found, Some(word), "at {c}");
        c += word.chars().count();
    }
}
