// The only file that includes ICU's headers: ICU's renaming macros turn each call below into the
// versioned symbol (ubrk_open → ubrk_open_72), so the Swift side stays version-independent.
#include "riposte_icu.h"
#include <unicode/utypes.h>
#include <unicode/utext.h>
#include <unicode/ubrk.h>
#include <unicode/ucsdet.h>
#include <unicode/ucnv.h>
#include <unicode/uversion.h>
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
