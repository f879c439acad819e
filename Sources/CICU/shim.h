// Version-independent entry points into the system ICU.
// ICU exports its C functions with a version suffix (ubrk_open_72); the renaming macros in
// <unicode/urename.h> are not imported by Swift, so these static inline wrappers call the
// plain names in C, where the macros apply, and Swift calls the wrappers.
#ifndef RIPOSTE_CICU_SHIM_H
#define RIPOSTE_CICU_SHIM_H
#include <unicode/utypes.h>
#include <unicode/utext.h>
#include <unicode/ubrk.h>
#include <unicode/ucsdet.h>
#include <unicode/ucnv.h>
#include <unicode/uversion.h>

static inline UText *riposte_utext_openUTF8(const char *s, int64_t length, UErrorCode *status) {
    return utext_openUTF8(NULL, s, length, status);
}
static inline UText *riposte_utext_close(UText *ut) { return utext_close(ut); }

static inline UBreakIterator *riposte_ubrk_open(UBreakIteratorType type, const char *locale, UErrorCode *status) {
    return ubrk_open(type, locale, NULL, 0, status);
}
static inline void riposte_ubrk_setUText(UBreakIterator *bi, UText *text, UErrorCode *status) {
    ubrk_setUText(bi, text, status);
}
static inline int32_t riposte_ubrk_first(UBreakIterator *bi) { return ubrk_first(bi); }
static inline int32_t riposte_ubrk_next(UBreakIterator *bi) { return ubrk_next(bi); }
static inline int32_t riposte_ubrk_getRuleStatus(UBreakIterator *bi) { return ubrk_getRuleStatus(bi); }
static inline void riposte_ubrk_close(UBreakIterator *bi) { ubrk_close(bi); }

static inline UCharsetDetector *riposte_ucsdet_open(UErrorCode *status) { return ucsdet_open(status); }
static inline void riposte_ucsdet_setText(UCharsetDetector *d, const char *text, int32_t len, UErrorCode *status) {
    ucsdet_setText(d, text, len, status);
}
static inline void riposte_ucsdet_setDeclaredEncoding(UCharsetDetector *d, const char *enc, int32_t len, UErrorCode *status) {
    ucsdet_setDeclaredEncoding(d, enc, len, status);
}
static inline const UCharsetMatch *const *riposte_ucsdet_detectAll(UCharsetDetector *d, int32_t *found, UErrorCode *status) {
    return ucsdet_detectAll(d, found, status);
}
static inline const char *riposte_ucsdet_getName(const UCharsetMatch *m, UErrorCode *status) { return ucsdet_getName(m, status); }
static inline int32_t riposte_ucsdet_getConfidence(const UCharsetMatch *m, UErrorCode *status) { return ucsdet_getConfidence(m, status); }
static inline const char *riposte_ucsdet_getLanguage(const UCharsetMatch *m, UErrorCode *status) { return ucsdet_getLanguage(m, status); }
static inline void riposte_ucsdet_close(UCharsetDetector *d) { ucsdet_close(d); }

static inline int32_t riposte_ucnv_convert(const char *to, const char *from, char *target, int32_t cap,
                                           const char *source, int32_t len, UErrorCode *status) {
    return ucnv_convert(to, from, target, cap, source, len, status);
}
static inline const char *riposte_u_errorName(UErrorCode code) { return u_errorName(code); }
static inline void riposte_u_getVersion(UVersionInfo info) { u_getVersion(info); }
#endif
