//! Search stage, step 1 (interning): the written forms of a chunk's tokens
//! -> dense ids, first come first numbered. Most tokens are short, so a
//! form of up to 16 bytes is its own key (two words read from its ends and
//! its length): a lookup compares three integers instead of calling
//! `memcmp`, and the table holds no pointers to chase.

/// One table slot: the key of a form and its id; empty when `length` is 0
/// (no token is empty).
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    head: u64,
    tail: u64,
    length: u32,
    id: u32,
}

/// Forms longer than this are told apart by their bytes, not by their key.
const KEY_BYTES: usize = 16;

/// The table of an interner whose forms (by id) the caller keeps;
/// reusable: `clear` keeps its memory for the next chunk.
#[derive(Debug, Default)]
pub struct Interner {
    slots: Vec<Slot>,
}

impl Interner {
    /// Forgets every form, keeping the memory.
    pub fn clear(&mut self) {
        self.slots.fill(Slot::default());
    }

    /// The id of `form` among `forms` (the forms by id), appending it if it
    /// is new.
    pub fn id<'a>(&mut self, forms: &mut Vec<&'a str>, form: &'a str) -> u32 {
        if forms.len() * 2 >= self.slots.len() {
            self.grow();
        }
        let (head, tail) = key(form.as_bytes());
        let length = form.len() as u32;
        let mask = self.slots.len() - 1;
        let mut at = slot_of(head, tail, length, mask);
        loop {
            let slot = self.slots[at];
            if slot.length == 0 {
                let id = forms.len() as u32;
                self.slots[at] = Slot {
                    head,
                    tail,
                    length,
                    id,
                };
                forms.push(form);
                return id;
            }
            if (slot.head, slot.tail, slot.length) == (head, tail, length)
                && (form.len() <= KEY_BYTES || forms[slot.id as usize] == form)
            {
                return slot.id;
            }
            at = (at + 1) & mask;
        }
    }

    /// Doubles the table (at least 1024 slots) and places every form again.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        let mask = size - 1;
        for slot in old.into_iter().filter(|slot| slot.length != 0) {
            let mut at = slot_of(slot.head, slot.tail, slot.length, mask);
            while self.slots[at].length != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = slot;
        }
    }
}

/// Where a key's probe starts.
fn slot_of(head: u64, tail: u64, length: u32, mask: usize) -> usize {
    let mixed = (head ^ tail.rotate_left(29) ^ length as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed >> 32) as usize & mask
}

/// Two words that, with the length, tell apart every form of up to
/// `KEY_BYTES` bytes (they cover all its bytes), and are a hash of longer
/// ones.
fn key(bytes: &[u8]) -> (u64, u64) {
    let n = bytes.len();
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
    let half = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default());
    match n {
        8.. => (word(0), word(n - 8)),
        4..=7 => (half(0) as u64 | (half(n - 4) as u64) << 32, 0),
        1..=3 => (
            bytes[0] as u64 | (bytes[n / 2] as u64) << 8 | (bytes[n - 1] as u64) << 16,
            0,
        ),
        0 => (0, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_forms_share_an_id_and_others_do_not() {
        let words = [
            "a",
            "ab",
            "ba",
            "abc",
            "acb",
            "công",
            "cống",
            "khuyến",
            "khuyên",
            "12345678",
            "123456789",
            "1234567890123456",
            "1234567890123457",
            "12345678901234567",
            "12345678x01234567",
            "tỉnh Lai Châu và",
            "tỉnh Lai Châu vả",
        ];
        let copies: Vec<String> = words.iter().map(|word| word.to_string()).collect();
        let (mut interner, mut forms) = (Interner::default(), Vec::new());
        let ids: Vec<u32> = words
            .iter()
            .map(|word| interner.id(&mut forms, word))
            .collect();
        assert_eq!(ids, (0..words.len() as u32).collect::<Vec<_>>());
        for (id, copy) in copies.iter().enumerate() {
            assert_eq!(interner.id(&mut forms, copy), id as u32, "{copy}");
        }
        assert_eq!(forms, words);
    }

    #[test]
    fn ids_survive_growing_and_clearing() {
        let words: Vec<String> = (0..5000).map(|n| format!("w{n}")).collect();
        let (mut interner, mut forms) = (Interner::default(), Vec::new());
        for (id, word) in words.iter().enumerate() {
            assert_eq!(interner.id(&mut forms, word), id as u32);
        }
        for (id, word) in words.iter().enumerate().rev() {
            assert_eq!(interner.id(&mut forms, word), id as u32);
        }
        interner.clear();
        let mut forms = Vec::new();
        assert_eq!(interner.id(&mut forms, &words[42]), 0);
        assert_eq!(forms, [words[42].as_str()]);
    }
}
