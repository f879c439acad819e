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

// MARK: sentence boundaries after terminators, from windows

/* Sentence_Break values of U+0000 ..< U+0800, read from ICU once. */
static int8_t sb_table[0x800];
static pthread_once_t sb_once = PTHREAD_ONCE_INIT;
static void sb_fill(void) {
    for (UChar32 c = 0; c < 0x800; c++) sb_table[c] = (int8_t)u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
}
/* The Sentence_Break value of the character at i; *next is the index after it. */
static inline int32_t sb_at(const uint8_t *t, int32_t i, int32_t len, int32_t *next) {
    uint8_t b = t[i];
    if (b < 0x80) { *next = i + 1; return sb_table[b]; }
    UChar32 c; int32_t j = i;
    U8_NEXT(t, j, len, c);
    *next = j;
    if (c < 0) c = 0xFFFD;  /* as ICU's UTF-8 UText reads an ill-formed sequence */
    return c < 0x800 ? sb_table[c] : u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
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
        /* Skip 8 bytes at a time while none is . ! ? or part of a non-ASCII character. */
        while (i + 8 <= len) {
            uint64_t x; memcpy(&x, t + i, 8);
            if ((x & HIGHS) | zero_bytes(x ^ (0x2E * ONES)) | zero_bytes(x ^ (0x21 * ONES)) | zero_bytes(x ^ (0x3F * ONES))) break;
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
