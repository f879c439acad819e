// The only file that includes ICU's headers: ICU's renaming macros turn each call below into the
// versioned symbol (ubrk_open → ubrk_open_72), so the Swift side stays version-independent.
#include "riposte_icu.h"
#include <unicode/utypes.h>
#include <unicode/utext.h>
#include <unicode/ubrk.h>
#include <unicode/ucsdet.h>
#include <unicode/ucnv.h>
#include <unicode/uversion.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define IN(status) UErrorCode st = (UErrorCode)*(status)
#define OUT(status) *(status) = (int32_t)st

int32_t riposte_ubrk_word_type(void) { return UBRK_WORD; }
int32_t riposte_ubrk_sentence_type(void) { return UBRK_SENTENCE; }
int32_t riposte_u_buffer_overflow_error(void) { return U_BUFFER_OVERFLOW_ERROR; }

RiposteUText *riposte_utext_openUTF8(const char *s, int64_t length, int32_t *status) {
    IN(status); UText *ut = utext_openUTF8(NULL, s, length, &st); OUT(status);
    return (RiposteUText *)ut;
}
RiposteUText *riposte_utext_close(RiposteUText *ut) { return (RiposteUText *)utext_close((UText *)ut); }

RiposteBreakIterator *riposte_ubrk_open(int32_t type, const char *locale, int32_t *status) {
    IN(status); UBreakIterator *bi = ubrk_open((UBreakIteratorType)type, locale, NULL, 0, &st); OUT(status);
    return (RiposteBreakIterator *)bi;
}
void riposte_ubrk_setUText(RiposteBreakIterator *bi, RiposteUText *text, int32_t *status) {
    IN(status); ubrk_setUText((UBreakIterator *)bi, (UText *)text, &st); OUT(status);
}
int32_t riposte_ubrk_first(RiposteBreakIterator *bi) { return ubrk_first((UBreakIterator *)bi); }
int32_t riposte_ubrk_next(RiposteBreakIterator *bi) { return ubrk_next((UBreakIterator *)bi); }
int32_t riposte_ubrk_getRuleStatus(RiposteBreakIterator *bi) { return ubrk_getRuleStatus((UBreakIterator *)bi); }
void riposte_ubrk_close(RiposteBreakIterator *bi) { ubrk_close((UBreakIterator *)bi); }

void riposte_ubrk_mark_segments(RiposteBreakIterator *bi, const uint8_t *text, uint8_t *marks, int32_t with_status) {
    UBreakIterator *it = (UBreakIterator *)bi;
    int32_t start = ubrk_first(it);
    for (;;) {
        int32_t end = ubrk_next(it);
        if (end == UBRK_DONE) break;
        uint8_t code = 0;
        // A segment that starts with a space or a line break is one of ICU's untagged
        // (UBRK_WORD_NONE) runs: no status call for nearly half the segments.
        if (with_status && text[start] != 0x20 && text[start] != 0x0A) {
            int32_t s = ubrk_getRuleStatus(it);
            // WordStatus: none, number, letter, kana, ideo (UBRK_WORD_* ranges of 100).
            code = s < 100 ? 0 : s < 200 ? 1 : s < 300 ? 2 : s < 400 ? 3 : 4;
        }
        marks[start] = (uint8_t)(0x80 | code);
        if (end - start > 1) memset(marks + start + 1, code, (size_t)(end - start - 1));
        start = end;
    }
}

int32_t riposte_ubrk_term_boundaries(RiposteBreakIterator *bi, int32_t *out, int32_t capacity, int32_t term_only) {
    UBreakIterator *it = (UBreakIterator *)bi;
    int32_t count = 0;
    (void)ubrk_first(it);
    for (;;) {
        int32_t end = ubrk_next(it);
        if (end == UBRK_DONE) break;
        // UBRK_SENTENCE_TERM is 0 ..< 100, UBRK_SENTENCE_SEP 100 ..< 200.
        if (term_only && ubrk_getRuleStatus(it) >= 100) continue;
        if (count >= capacity) return -1;
        out[count++] = end;
    }
    return count;
}

// MARK: word segments, memoised per space-delimited chunk

/* Printable ASCII (0x21-0x7E) chunks of at most MEMO_MAX bytes, with their marks. */
#define MEMO_MAX 31
#define MEMO_BITS 12
typedef struct { uint8_t len; uint8_t bytes[MEMO_MAX]; uint8_t marks[32]; } memo_entry;
struct RiposteWordMemo { memo_entry entries[1 << MEMO_BITS]; };

RiposteWordMemo *riposte_word_memo_new(void) { return calloc(1, sizeof(RiposteWordMemo)); }
void riposte_word_memo_free(RiposteWordMemo *m) { free(m); }

static inline uint32_t memo_slot(const uint8_t *s, int32_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)n;
    int32_t k = 0;
    for (; k + 8 <= n; k += 8) { uint64_t x; memcpy(&x, s + k, 8); h = (h ^ x) * 0xFF51AFD7ED558CCDULL; }
    uint64_t x = 0;
    for (int32_t j = 0; k + j < n; j++) x |= (uint64_t)s[k + j] << (8 * j);
    h = (h ^ x) * 0xC4CEB9FE1A85EC53ULL;
    return (uint32_t)(h >> (64 - MEMO_BITS));
}

/* Short compares and copies inline: the libc calls cost more than these few bytes. */
static inline int same_bytes(const uint8_t *x, const uint8_t *y, int32_t n) {
    int32_t k = 0;
    for (; k + 8 <= n; k += 8) { uint64_t u, v; memcpy(&u, x + k, 8); memcpy(&v, y + k, 8); if (u != v) return 0; }
    for (; k < n; k++) if (x[k] != y[k]) return 0;
    return 1;
}
/* n bytes by overlapping 8-, 4-, 2- or 1-byte moves: no tail loop for the compiler to turn back
   into a libc call. */
static inline void copy_bytes(uint8_t *to, const uint8_t *from, int32_t n) {
    if (n >= 8) {
        uint64_t u; int32_t k = 0;
        for (; k + 8 <= n; k += 8) { memcpy(&u, from + k, 8); memcpy(to + k, &u, 8); }
        if (k < n) { memcpy(&u, from + n - 8, 8); memcpy(to + n - 8, &u, 8); }
    } else if (n >= 4) {
        uint32_t u, v; memcpy(&u, from, 4); memcpy(&v, from + n - 4, 4); memcpy(to, &u, 4); memcpy(to + n - 4, &v, 4);
    } else if (n >= 2) {
        uint16_t u, v; memcpy(&u, from, 2); memcpy(&v, from + n - 2, 2); memcpy(to, &u, 2); memcpy(to + n - 2, &v, 2);
    } else if (n == 1) {
        to[0] = from[0];
    }
}
static inline void fill_bytes(uint8_t *to, uint8_t b, int32_t n) {
    uint64_t v = 0x0101010101010101ULL * b;
    if (n >= 8) {
        int32_t k = 0;
        for (; k + 8 <= n; k += 8) memcpy(to + k, &v, 8);
        if (k < n) memcpy(to + n - 8, &v, 8);
    } else if (n >= 4) {
        memcpy(to, &v, 4); memcpy(to + n - 4, &v, 4);
    } else if (n >= 2) {
        memcpy(to, &v, 2); memcpy(to + n - 2, &v, 2);
    } else if (n == 1) {
        to[0] = b;
    }
}

/* Byte classes: gap (space, line feed), printable ASCII, ASCII letter, ASCII digit. */
enum { C_GAP = 1, C_PRINT = 2, C_LETTER = 4, C_DIGIT = 8 };
static uint8_t byte_class[256];
static pthread_once_t class_once = PTHREAD_ONCE_INIT;
static void class_fill(void) {
    byte_class[0x20] = C_GAP; byte_class[0x0A] = C_GAP;
    for (int b = 0x21; b <= 0x7E; b++) byte_class[b] = C_PRINT;
    for (int b = 'a'; b <= 'z'; b++) byte_class[b] |= C_LETTER;
    for (int b = 'A'; b <= 'Z'; b++) byte_class[b] |= C_LETTER;
    for (int b = '0'; b <= '9'; b++) byte_class[b] |= C_DIGIT;
}

/* A printable ASCII chunk [a, e) made of ASCII letters only or digits only, with one other
   character before or after them or both (not '_'): "(word", "word,", "2012.", "(1)". Such a
   character is a segment of its own, with no status: it is Other, or a MidLetter, MidNum or
   MidNumLet that would join the letters or digits only with one more of them on its other side
   (WB6, WB7, WB11, WB12), where the chunk has a space, a line feed or its end; only ExtendNumLet
   '_' joins them alone (WB13a, WB13b), and '@', a letter for ICU. Writes the marks and returns 1,
   else returns 0. */
static inline int letters_or_digits_between_marks(const uint8_t *t, int32_t a, int32_t e, uint8_t *marks) {
    int32_t s = a, f = e;
    uint8_t c0 = byte_class[t[s]], c1 = byte_class[t[f - 1]];
    if (!(c0 & (C_LETTER | C_DIGIT))) { if (t[s] == '_' || t[s] == '@') return 0; s++; }
    if (!(c1 & (C_LETTER | C_DIGIT))) { if (t[f - 1] == '_' || t[f - 1] == '@') return 0; f--; }
    if (f <= s || (s == a && f == e)) return 0;
    uint8_t all = C_LETTER | C_DIGIT;
    for (int32_t k = s; k < f; k++) all &= byte_class[t[k]];
    if (!(all & (C_LETTER | C_DIGIT))) return 0;
    uint8_t code = (all & C_LETTER) ? 2 : 1;
    if (s > a) marks[a] = 0x80;
    marks[s] = (uint8_t)(0x80 | code);
    fill_bytes(marks + s + 1, code, f - s - 1);
    if (f < e) marks[f] = 0x80;
    return 1;
}

/* Whether a Latin letter starts at k (before f): ASCII, Latin-1 (U+00C0-U+00FF but the signs
   U+00D7 and U+00F7) or œ Œ, all Word_Break ALetter; its length in *l. */
static inline int latin_letter_at(const uint8_t *t, int32_t k, int32_t f, int32_t *l) {
    uint8_t b = t[k];
    if (b < 0x80) { *l = 1; return (byte_class[b] & C_LETTER) != 0; }
    if (k + 1 >= f) return 0;
    uint8_t b1 = t[k + 1];
    *l = 2;
    if (b == 0xC3) return b1 >= 0x80 && b1 <= 0xBF && b1 != 0x97 && b1 != 0xB7;
    return b == 0xC5 && (b1 == 0x92 || b1 == 0x93);
}

/* Punctuation of Latin text that is a word segment of its own wherever it stands: Word_Break
   Other, neither emoji nor pictographic nor of a dictionary script, so that no word rule joins
   it to what precedes or follows (WB999) but Extend, Format or ZWJ after it (WB4), which the
   callers never let follow. The candidates are checked against ICU's properties once. */
static const UChar32 plain_mark_candidates[] = {
    0xA7, 0xB6, 0xAB, 0xBB, 0xB0, 0x201C, 0x201D, 0x201E, 0x2013, 0x2014, 0x2026, 0x2022, 0x20AC
};
#define PLAIN_MARKS (sizeof plain_mark_candidates / sizeof plain_mark_candidates[0])
static UChar32 plain_marks[PLAIN_MARKS];
static int32_t plain_mark_count;
static pthread_once_t plain_once = PTHREAD_ONCE_INIT;
static void plain_fill(void) {
    for (size_t k = 0; k < PLAIN_MARKS; k++) {
        UChar32 c = plain_mark_candidates[k];
        if (u_getIntPropertyValue(c, UCHAR_WORD_BREAK) == U_WB_OTHER && !u_hasBinaryProperty(c, UCHAR_EMOJI)
            && !u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) && !u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)
            && u_getIntPropertyValue(c, UCHAR_LINE_BREAK) != U_LB_COMPLEX_CONTEXT)
            plain_marks[plain_mark_count++] = c;
    }
}

/* The length of the mark at k (before f): a printable ASCII character that is no letter or digit
   (not '_', ExtendNumLet, nor '@', a letter for ICU: both join letters), or a plain mark; else 0. */
static inline int32_t mark_at(const uint8_t *t, int32_t k, int32_t f) {
    uint8_t b = t[k];
    if (b < 0x80) return (byte_class[b] == C_PRINT && b != '_' && b != '@') ? 1 : 0;
    UChar32 c; int32_t j = k;
    U8_NEXT(t, j, f, c);
    if (c < 0) return 0;
    for (int32_t m = 0; m < plain_mark_count; m++) if (plain_marks[m] == c) return j - k;
    return 0;
}

/* A chunk made of marks (mark_at), then at most one word of Latin letters (latin_letter_at,
   single apostrophes between two of them) or of ASCII digits, then marks: "l'État", "déjà,",
   "“Yes”", "§", "».". The word is one segment, a letter one (WB5; WB6 and WB7 join an
   apostrophe, MidNumLetQ, between letters) or a number one (WB8); each mark is a segment of its
   own with no status: an ASCII mark is Other, or a MidLetter, MidNum or MidNumLet that joins
   letters or digits only with one on each side, and the chunk has marks, a space, a line feed or
   its end on one side of it. Writes the marks and returns 1, else returns 0 (having written some
   marks, which the caller's other path overwrites). */
static inline int marks_around_word(const uint8_t *t, int32_t a, int32_t e, uint8_t *marks) {
    int32_t k = a, l;
    while (k < e && (l = mark_at(t, k, e)) > 0) { marks[k] = 0x80; fill_bytes(marks + k + 1, 0, l - 1); k += l; }
    int32_t s = k;
    if (k < e && t[k] >= '0' && t[k] <= '9') {
        while (k < e && t[k] >= '0' && t[k] <= '9') k++;
        marks[s] = 0x81; fill_bytes(marks + s + 1, 1, k - s - 1);
    } else if (k < e && latin_letter_at(t, k, e, &l)) {
        k += l;
        for (;;) {
            if (k < e && latin_letter_at(t, k, e, &l)) { k += l; continue; }
            if (k + 1 < e && t[k] == 0x27 && latin_letter_at(t, k + 1, e, &l)) { k += 1 + l; continue; }
            break;
        }
        marks[s] = 0x82; fill_bytes(marks + s + 1, 2, k - s - 1);
    }
    while (k < e && (l = mark_at(t, k, e)) > 0) { marks[k] = 0x80; fill_bytes(marks + k + 1, 0, l - 1); k += l; }
    return k == e;
}

typedef struct { int32_t ostart, cstart, len, g1, memo; } chunk_job;

/* Eight bytes of text, first byte lowest. */
static inline uint64_t load_word(const uint8_t *p) {
    uint64_t x; memcpy(&x, p, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    return x;
}
/* The high bit of each byte of x that is not an ASCII letter: with the byte's low seven bits
   lowered (| 0x20), adding 0x1F carries into the high bit from 'a' on and adding 0x05 from '{'
   on; no byte's sum overflows into the next, so each byte is tested exactly. */
static inline uint64_t non_letter_bytes(uint64_t x) {
    uint64_t y = (x | 0x2020202020202020ULL) & 0x7F7F7F7F7F7F7F7FULL;
    uint64_t letter = (y + 0x1F1F1F1F1F1F1F1FULL) & ~(y + 0x0505050505050505ULL) & ~x & 0x8080808080808080ULL;
    return ~letter & 0x8080808080808080ULL;
}

/* no_builtin: the short fills and copies above stay inline moves (not memset/memcpy calls). */
__attribute__((no_builtin("memset", "memcpy")))
int32_t riposte_ubrk_mark_segments_memo(RiposteBreakIterator *bi, RiposteWordMemo *memo,
                                        const uint8_t *t, int32_t len, uint8_t *marks, int32_t *status) {
    if (len <= 0) return 0;
    pthread_once(&class_once, class_fill);
    pthread_once(&plain_once, plain_fill);
    size_t ccap = (size_t)len + (size_t)len / 2 + 16;
    uint8_t *comp = malloc(ccap);
    int32_t jcap = 256, nj = 0;
    chunk_job *jobs = malloc(sizeof(chunk_job) * (size_t)jcap);
    if (!comp || !jobs) { free(comp); free(jobs); return -1; }
    int32_t clen = 0;
    /* One pass over chunks (runs of bytes other than space and line feed) and the gaps after them.
       A chunk of ASCII letters only is one letter segment, of ASCII digits only one number segment
       (WB5, WB8: ICU's statuses UBRK_WORD_LETTER and UBRK_WORD_NUMBER); another printable ASCII
       chunk found in the memo gets its marks from it; any other goes to the compact text with the
       character before and after it. */
    int32_t i = 0;
    while (i < len && byte_class[t[i]] == C_GAP) {
        /* Leading gap: a line feed is a segment of its own (WB3a, WB3b), a space continues the
           space before it (WB3d). */
        marks[i] = (t[i] == 0x20 && i > 0 && t[i - 1] == 0x20) ? 0 : 0x80;
        i++;
    }
    while (i < len) {
        int32_t a = i;
        uint8_t all = C_PRINT | C_LETTER | C_DIGIT, c;
        /* ASCII letters eight at a time (most chunks are words), then byte by byte. */
        while (i + 8 <= len) {
            uint64_t stop = non_letter_bytes(load_word(t + i));
            if (stop) { i += __builtin_ctzll(stop) >> 3; break; }
            i += 8;
        }
        /* The commonest chunks, letters then one space or line feed before the next chunk
           ("word "), or letters, one ASCII mark and the gap ("word, "), marked at once: what the
           general path below (letters_or_digits_between_marks for the second) and the gap loop
           do for them, without their loops. */
        if (i > a && i + 1 < len) {
            if (byte_class[t[i]] == C_GAP && byte_class[t[i + 1]] != C_GAP) {
                marks[a] = 0x82; fill_bytes(marks + a + 1, 2, i - a - 1);
                marks[i] = 0x80;
                i++;
                continue;
            }
            if (i + 2 < len && byte_class[t[i]] == C_PRINT && t[i] != '_' && t[i] != '@'
                && byte_class[t[i + 1]] == C_GAP && byte_class[t[i + 2]] != C_GAP) {
                marks[a] = 0x82; fill_bytes(marks + a + 1, 2, i - a - 1);
                marks[i] = 0x80; marks[i + 1] = 0x80;
                i += 2;
                continue;
            }
        }
        if (i > a) all = C_PRINT | C_LETTER;
        while (i < len && !((c = byte_class[t[i]]) & C_GAP)) { all &= c; i++; }
        int32_t n = i - a, complex = 0;
        if (all & C_LETTER) {
            marks[a] = 0x82; fill_bytes(marks + a + 1, 2, n - 1);
        } else if (all & C_DIGIT) {
            marks[a] = 0x81; fill_bytes(marks + a + 1, 1, n - 1);
        } else if ((all & C_PRINT) && n >= 2 && letters_or_digits_between_marks(t, a, i, marks)) {
            /* Marked: "(word", "word,", "2012.", "(1)". */
        } else if (!(all & C_PRINT) && marks_around_word(t, a, i, marks)) {
            /* Marked: "été", "l'État", "déjà,", "“Yes”", "§". */
        } else {
            int32_t slot = -1;
            int hit = 0;
            if ((all & C_PRINT) && n <= MEMO_MAX) {
                slot = (int32_t)memo_slot(t + a, n);
                memo_entry *e = &memo->entries[slot];
                if (e->len == n && same_bytes(e->bytes, t + a, n)) { copy_bytes(marks + a, e->marks, n); hit = 1; }
            }
            if (!hit) {
                if ((size_t)clen + (size_t)n + 2 > ccap) {
                    ccap = ((size_t)clen + (size_t)n + 2) * 2;
                    uint8_t *grown = realloc(comp, ccap);
                    if (!grown) { free(comp); free(jobs); return -1; }
                    comp = grown;
                }
                if (nj == jcap) {
                    jcap *= 2;
                    chunk_job *grown = realloc(jobs, sizeof(chunk_job) * (size_t)jcap);
                    if (!grown) { free(comp); free(jobs); return -1; }
                    jobs = grown;
                }
                if (a > 0) comp[clen++] = t[a - 1];
                jobs[nj].ostart = a; jobs[nj].cstart = clen; jobs[nj].len = n; jobs[nj].memo = slot;
                if (n <= 64) copy_bytes(comp + clen, t + a, n); else memcpy(comp + clen, t + a, (size_t)n);
                clen += n;
                jobs[nj].g1 = i < len ? clen : -1;
                if (i < len) comp[clen++] = t[i];
                nj++;
                /* Not printable ASCII: the gap character after it may join its last segment
                   (a wide space, WB3d): ICU marks it, and the spaces after it follow it. */
                complex = slot < 0;
            }
        }
        /* The gap after the chunk: a line feed is a segment of its own; a space starts one after
           a printable ASCII character (no rule joins them) or a line feed, and continues the
           space before it. */
        if (i < len && complex) {
            marks[i] = 0x80;  /* replaced by ICU's mark below */
            i++;
        }
        while (i < len && byte_class[t[i]] == C_GAP) {
            marks[i] = (t[i] == 0x20 && t[i - 1] == 0x20) ? (uint8_t)(marks[i - 1] & 0x7F) : 0x80;
            i++;
        }
    }
    /* ICU over the compact text; its marks go back to the chunks, and into the memo. */
    if (nj > 0) {
        uint8_t *cm = malloc((size_t)clen + 1);
        if (!cm) { free(comp); free(jobs); return -1; }
        IN(status);
        UText *ut = utext_openUTF8(NULL, (const char *)comp, clen, &st);
        if (U_SUCCESS(st)) ubrk_setUText((UBreakIterator *)bi, ut, &st);
        if (U_SUCCESS(st)) riposte_ubrk_mark_segments(bi, comp, cm, 1);
        utext_close(ut);
        OUT(status);
        if (U_FAILURE(st)) { free(cm); free(comp); free(jobs); return -1; }
        for (int32_t j = 0; j < nj; j++) {
            chunk_job *jb = &jobs[j];
            if (jb->len <= 64) copy_bytes(marks + jb->ostart, cm + jb->cstart, jb->len);
            else memcpy(marks + jb->ostart, cm + jb->cstart, (size_t)jb->len);
            if (jb->memo >= 0) {
                memo_entry *e = &memo->entries[jb->memo];
                e->len = (uint8_t)jb->len;
                copy_bytes(e->bytes, t + jb->ostart, jb->len);
                copy_bytes(e->marks, cm + jb->cstart, jb->len);
            } else if (jb->g1 >= 0) {
                /* The gap character after a chunk that is not printable ASCII, and the spaces
                   that continue it. */
                int32_t k = jb->ostart + jb->len;
                marks[k] = cm[jb->g1];
                for (k++; k < len && t[k] == 0x20 && t[k - 1] == 0x20; k++) marks[k] = (uint8_t)(marks[k - 1] & 0x7F);
            }
        }
        free(cm);
    }
    free(comp); free(jobs);
    return 0;
}

// MARK: sentence boundaries after terminators, from windows

/* Sentence_Break values of U+0000 ..< U+0800 and of the General Punctuation block (U+2000 ..<
   U+2070: quotes, dashes, spaces of Western text), read from ICU once. */
static int8_t sb_table[0x800], sb_punct[0x70];
static pthread_once_t sb_once = PTHREAD_ONCE_INIT;
static void sb_fill(void) {
    for (UChar32 c = 0; c < 0x800; c++) sb_table[c] = (int8_t)u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
    for (UChar32 c = 0; c < 0x70; c++) sb_punct[c] = (int8_t)u_getIntPropertyValue(0x2000 + c, UCHAR_SENTENCE_BREAK);
}
/* The Sentence_Break value of the character at i; *next is the index after it. */
static inline int32_t sb_at(const uint8_t *t, int32_t i, int32_t len, int32_t *next) {
    uint8_t b = t[i];
    if (b < 0x80) { *next = i + 1; return sb_table[b]; }
    UChar32 c; int32_t j = i;
    U8_NEXT(t, j, len, c);
    *next = j;
    if (c < 0) c = 0xFFFD;  /* as ICU's UTF-8 UText reads an ill-formed sequence */
    if (c < 0x800) return sb_table[c];
    if (c >= 0x2000 && c < 0x2070) return sb_punct[c - 0x2000];
    return u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
}
#define SB_TERM(sb) ((sb) == U_SB_ATERM || (sb) == U_SB_STERM)
#define SB_IGNORED(sb) ((sb) == U_SB_EXTEND || (sb) == U_SB_FORMAT)
#define SB_STOP(sb) ((sb) == U_SB_LOWER || (sb) == U_SB_UPPER || (sb) == U_SB_OLETTER || (sb) == U_SB_SEP || (sb) == U_SB_CR || (sb) == U_SB_LF)
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
static inline uint64_t zero_bytes(uint64_t v) { return (v - ONES) & ~v & HIGHS; }

typedef struct { int32_t cstart, ostart, first, limit, end; } sb_window;

static int32_t whole_term_boundaries(UBreakIterator *it, const uint8_t *text, int32_t length, int32_t *out, int32_t capacity, int32_t *status) {
    IN(status);
    UText *ut = utext_openUTF8(NULL, (const char *)text, length, &st);
    if (U_SUCCESS(st)) ubrk_setUText(it, ut, &st);
    int32_t count = 0;
    if (U_SUCCESS(st)) count = riposte_ubrk_term_boundaries((RiposteBreakIterator *)it, out, capacity, 1);
    utext_close(ut);
    OUT(status);
    return count;
}

int32_t riposte_sentence_term_boundaries(RiposteBreakIterator *bi, const uint8_t *t, int32_t len,
                                         int32_t *out, int32_t capacity, int32_t *status) {
    UBreakIterator *it = (UBreakIterator *)bi;
    pthread_once(&sb_once, sb_fill);
    if (len <= 0) return 0;
    uint8_t *comp = malloc((size_t)len * 2 + 8);
    int32_t wcap = 64, nw = 0;
    sb_window *w = malloc(sizeof(sb_window) * (size_t)wcap);
    if (!comp || !w) { free(comp); free(w); return whole_term_boundaries(it, t, len, out, capacity, status); }
    int32_t clen = 0, i = 0;
    while (i < len) {
        /* Skip 8 bytes at a time while none is . ! ? or part of a non-ASCII character, then to
           the first such byte (the lowest flagged byte is exact; the ASCII bytes before it are
           no terminators, as sb_at would find one by one). */
        while (i + 8 <= len) {
            uint64_t x; memcpy(&x, t + i, 8);
            uint64_t stop = (x & HIGHS) | zero_bytes(x ^ (0x2E * ONES)) | zero_bytes(x ^ (0x21 * ONES)) | zero_bytes(x ^ (0x3F * ONES));
            if (stop) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
                i += __builtin_ctzll(stop) >> 3;
#endif
                break;
            }
            i += 8;
        }
        if (i >= len) break;
        int32_t nx, sb = sb_at(t, i, len, &nx);
        if (!SB_TERM(sb)) { i = nx; continue; }
        /* A terminator at i. Its window starts at the last character before it that is not
           Extend or Format (SB5): the (Upper | Lower) of SB7. */
        int32_t ws = i;
        while (ws > 0) {
            int32_t p = ws - 1, q;
            while (p > 0 && (t[p] & 0xC0) == 0x80) p--;
            int32_t s = sb_at(t, p, len, &q);
            ws = p;
            if (!SB_IGNORED(s)) break;
        }
        /* It ends after the first letter or paragraph separator that follows (with its Extend and
           Format): the end of SB8's look-ahead, past the Close* Sp* ParaSep? of SB9-11. Further
           terminators on the way (SB8a) join the run. Then one character of margin, so that the
           window's own end is never at a boundary that matters. */
        int32_t k = nx, kn = nx, s2 = 0;
        while (k < len) { s2 = sb_at(t, k, len, &kn); if (SB_STOP(s2)) break; k = kn; }
        if (k < len) {
            k = kn;
            if (s2 == U_SB_CR && k < len && t[k] == 0x0A) k++;
            while (k < len) { int32_t s3 = sb_at(t, k, len, &kn); if (!SB_IGNORED(s3)) break; k = kn; }
        }
        int32_t stop = k, end = len;
        if (stop < len) { (void)sb_at(t, stop, len, &kn); end = kn; }
        if (nw > 0 && ws < w[nw - 1].end) {
            /* Overlaps the previous window: extend it. */
            sb_window *pw = &w[nw - 1];
            if (end > pw->end) { memcpy(comp + clen, t + pw->end, (size_t)(end - pw->end)); clen += end - pw->end; pw->end = end; }
            if (stop > pw->limit) pw->limit = stop;
        } else {
            /* A line feed between windows: a boundary ICU always makes (SB4), after which it
               starts afresh, as at the start of a text. */
            if (nw > 0) comp[clen++] = 0x0A;
            if (nw == wcap) {
                wcap *= 2;
                sb_window *grown = realloc(w, sizeof(sb_window) * (size_t)wcap);
                if (!grown) { free(comp); free(w); return whole_term_boundaries(it, t, len, out, capacity, status); }
                w = grown;
            }
            w[nw].cstart = clen; w[nw].ostart = ws; w[nw].first = i; w[nw].limit = stop; w[nw].end = end; nw++;
            memcpy(comp + clen, t + ws, (size_t)(end - ws)); clen += end - ws;
        }
        i = stop;
    }
    int32_t count = 0;
    if (nw > 0 && clen > len - len / 4) {
        /* The windows cover most of the text: one pass over the text itself costs less. */
        free(comp); free(w);
        return whole_term_boundaries(it, t, len, out, capacity, status);
    }
    if (nw > 0) {
        IN(status);
        UText *ut = utext_openUTF8(NULL, (const char *)comp, clen, &st);
        if (U_SUCCESS(st)) ubrk_setUText(it, ut, &st);
        if (U_SUCCESS(st)) {
            (void)ubrk_first(it);
            int32_t wi = 0;
            for (;;) {
                int32_t e = ubrk_next(it);
                if (e == UBRK_DONE) break;
                while (wi < nw && e > w[wi].cstart + (w[wi].end - w[wi].ostart)) wi++;
                if (wi >= nw) break;
                if (e <= w[wi].cstart) continue;
                int32_t o = w[wi].ostart + (e - w[wi].cstart);
                /* Only the boundaries after the window's terminators and within their context. */
                if (o <= w[wi].first || o > w[wi].limit) continue;
                if (ubrk_getRuleStatus(it) >= 100) continue;  /* UBRK_SENTENCE_SEP */
                if (count >= capacity) { count = -1; break; }
                out[count++] = o;
            }
        }
        utext_close(ut);
        OUT(status);
    }
    free(comp); free(w);
    return count;
}

RiposteCharsetDetector *riposte_ucsdet_open(int32_t *status) {
    IN(status); UCharsetDetector *d = ucsdet_open(&st); OUT(status);
    return (RiposteCharsetDetector *)d;
}
void riposte_ucsdet_setText(RiposteCharsetDetector *d, const char *text, int32_t len, int32_t *status) {
    IN(status); ucsdet_setText((UCharsetDetector *)d, text, len, &st); OUT(status);
}
void riposte_ucsdet_setDeclaredEncoding(RiposteCharsetDetector *d, const char *enc, int32_t len, int32_t *status) {
    IN(status); ucsdet_setDeclaredEncoding((UCharsetDetector *)d, enc, len, &st); OUT(status);
}
const RiposteCharsetMatch *const *riposte_ucsdet_detectAll(RiposteCharsetDetector *d, int32_t *found, int32_t *status) {
    IN(status); const UCharsetMatch **m = ucsdet_detectAll((UCharsetDetector *)d, found, &st); OUT(status);
    return (const RiposteCharsetMatch *const *)m;
}
const char *riposte_ucsdet_getName(const RiposteCharsetMatch *m, int32_t *status) {
    IN(status); const char *r = ucsdet_getName((const UCharsetMatch *)m, &st); OUT(status); return r;
}
int32_t riposte_ucsdet_getConfidence(const RiposteCharsetMatch *m, int32_t *status) {
    IN(status); int32_t r = ucsdet_getConfidence((const UCharsetMatch *)m, &st); OUT(status); return r;
}
const char *riposte_ucsdet_getLanguage(const RiposteCharsetMatch *m, int32_t *status) {
    IN(status); const char *r = ucsdet_getLanguage((const UCharsetMatch *)m, &st); OUT(status); return r;
}
void riposte_ucsdet_close(RiposteCharsetDetector *d) { ucsdet_close((UCharsetDetector *)d); }

int32_t riposte_ucnv_convert(const char *to, const char *from, char *target, int32_t cap,
                             const char *source, int32_t len, int32_t *status) {
    IN(status); int32_t r = ucnv_convert(to, from, target, cap, source, len, &st); OUT(status); return r;
}
const char *riposte_u_errorName(int32_t code) { return u_errorName((UErrorCode)code); }
void riposte_u_getVersion(uint8_t info[4]) { u_getVersion(info); }
