// CICU: the C entry points of the system ICU that Riposte uses, behind plain C types.
// Why a C target and not a system-library module map: ICU exports its functions with a version
// suffix (ubrk_open_72) that only its C macros know, and a Swift module that sees ICU's own
// headers clashes with the ICU copy Foundation bundles (_FoundationICU: same enum names, other
// definitions), in that module and in every module that imports it. Here only riposte_icu.c sees
// <unicode/*.h>; Swift sees opaque types and int32_t status codes, so no clash is possible.
#ifndef RIPOSTE_ICU_H
#define RIPOSTE_ICU_H
#include <stdint.h>

typedef struct RiposteUText RiposteUText;
typedef struct RiposteBreakIterator RiposteBreakIterator;
typedef struct RiposteCharsetDetector RiposteCharsetDetector;
typedef struct RiposteCharsetMatch RiposteCharsetMatch;
typedef struct RiposteWordMemo RiposteWordMemo;

/// ICU constants, read from ICU's own headers at build time.
int32_t riposte_ubrk_word_type(void);
int32_t riposte_ubrk_sentence_type(void);
int32_t riposte_u_buffer_overflow_error(void);

/// Status arguments follow ICU: 0 is success, > 0 an error, < 0 a warning.
RiposteUText *riposte_utext_openUTF8(const char *s, int64_t length, int32_t *status);
RiposteUText *riposte_utext_close(RiposteUText *ut);

RiposteBreakIterator *riposte_ubrk_open(int32_t type, const char *locale, int32_t *status);
void riposte_ubrk_setUText(RiposteBreakIterator *bi, RiposteUText *text, int32_t *status);
int32_t riposte_ubrk_first(RiposteBreakIterator *bi);
int32_t riposte_ubrk_next(RiposteBreakIterator *bi);
int32_t riposte_ubrk_getRuleStatus(RiposteBreakIterator *bi);
void riposte_ubrk_close(RiposteBreakIterator *bi);
/// The whole segment loop of `BreakIterator.markSegments` in C (one call per text, not two per
/// segment): marks[start] = 0x80 | code, the other bytes of the segment = code, where code is
/// the WordStatus of the segment's rule status (0 when with_status is 0).
void riposte_ubrk_mark_segments(RiposteBreakIterator *bi, const uint8_t *text, uint8_t *marks, int32_t with_status);
/// A word iterator's memo of the marks of printable ASCII chunks (see below); one per iterator.
RiposteWordMemo *riposte_word_memo_new(void);
void riposte_word_memo_free(RiposteWordMemo *memo);
/// The marks of riposte_ubrk_mark_segments (with status) for the whole of text (length bytes;
/// marks holds as many), the same, but ICU runs only over some of the chunks (runs of bytes other
/// than space and line feed), each with the character before and after it. Why the same: a
/// chunk of printable ASCII (0x21-0x7E) between spaces, line feeds or the text's ends starts and
/// ends a segment (no word rule joins such a character with a space or a line feed), and inside
/// it the rules look no further than the character after a MidLetter, MidNum or MidNumLet (WB6,
/// WB7, WB11, WB12), a space, line feed or end for the last ones, where none applies: its marks
/// depend on its bytes only. So the commonest chunks are marked directly (ASCII letters only,
/// digits only, a Latin word or number between marks: see riposte_icu.c), other printable ASCII
/// chunks from the memo once ICU has marked them, and the rest by ICU with their neighbours (a
/// combining mark after a space joins it, WB4; a wide space joins the space after it, WB3d).
/// Sets the iterator's text (to a buffer freed on return). Returns 0, or -1 on failure
/// (allocation or ICU: status says which), when marks are not all written.
int32_t riposte_ubrk_mark_segments_memo(RiposteBreakIterator *bi, RiposteWordMemo *memo,
                                        const uint8_t *text, int32_t length, uint8_t *marks, int32_t *status);
/// Writes the segment ends (only those with a UBRK_SENTENCE_TERM status when term_only) to out;
/// returns their number, or -1 when there are more than capacity.
int32_t riposte_ubrk_term_boundaries(RiposteBreakIterator *bi, int32_t *out, int32_t capacity, int32_t term_only);

/// The boundaries with a UBRK_SENTENCE_TERM status that a sentence iterator finds over the whole
/// of text (the same as riposte_ubrk_term_boundaries with term_only after setting the text), found
/// by running it over small windows around the sentence terminators only. Such a boundary follows
/// SATerm Close* Sp* ParaSep? (UAX #29 SB9-11) and its rules look no further back than the letter
/// before the terminator (SB7) and no further ahead than the first letter or paragraph separator
/// (SB8), so the windows, joined by line feeds (SB4: a boundary after which ICU starts afresh),
/// give the same boundaries. Returns their number, or -1 when there are more than capacity.
/// Sets the iterator's text (to a buffer freed on return).
int32_t riposte_sentence_term_boundaries(RiposteBreakIterator *bi, const uint8_t *text, int32_t length,
                                         int32_t *out, int32_t capacity, int32_t *status);

RiposteCharsetDetector *riposte_ucsdet_open(int32_t *status);
void riposte_ucsdet_setText(RiposteCharsetDetector *d, const char *text, int32_t len, int32_t *status);
void riposte_ucsdet_setDeclaredEncoding(RiposteCharsetDetector *d, const char *enc, int32_t len, int32_t *status);
const RiposteCharsetMatch *const *riposte_ucsdet_detectAll(RiposteCharsetDetector *d, int32_t *found, int32_t *status);
const char *riposte_ucsdet_getName(const RiposteCharsetMatch *m, int32_t *status);
int32_t riposte_ucsdet_getConfidence(const RiposteCharsetMatch *m, int32_t *status);
const char *riposte_ucsdet_getLanguage(const RiposteCharsetMatch *m, int32_t *status);
void riposte_ucsdet_close(RiposteCharsetDetector *d);

int32_t riposte_ucnv_convert(const char *to, const char *from, char *target, int32_t cap,
                             const char *source, int32_t len, int32_t *status);
const char *riposte_u_errorName(int32_t code);
void riposte_u_getVersion(uint8_t info[4]);
#endif
