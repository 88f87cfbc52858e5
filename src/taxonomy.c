/* taxonomy.c - the category ids of TAXONOMY.md and the names of severities,
 * voices and formats. The table order is TAXONOMY.md's; reports list
 * categories in this order. */
#include "slant.h"

#include <string.h>

static const char *const categories[] = {
    "unnamed-source", "vague-attribution",   "hedging",        "bandwagon",
    "doubt",          "scare-quotes",        "exaggeration",   "loaded-language",
    "labeling",       "euphemism",           "agentless",      "threat",
    "fear-appeal",    "dehumanizing",        "flag-waving",    "guilt-by-association",
    "false-dilemma",  "oversimplification",  "thought-terminating", "urgency",
    "whataboutism",
};

#define NCATEGORIES (sizeof categories / sizeof categories[0])

size_t slant_category_count(void) { return NCATEGORIES; }

const char *slant_category_id(size_t index)
{
    return index < NCATEGORIES ? categories[index] : NULL;
}

int slant_category_find(const char *id)
{
    for (size_t i = 0; id && i < NCATEGORIES; i++)
        if (strcmp(categories[i], id) == 0)
            return (int)i;
    return -1;
}

static const char *const severities[] = {"info", "warning", "error"};

const char *slant_severity_name(slant_severity sev)
{
    return (unsigned)sev < 3 ? severities[sev] : "?";
}

int slant_severity_parse(slant_severity *out, const char *name)
{
    for (int i = 0; name && i < 3; i++) {
        if (strcmp(severities[i], name) == 0) {
            *out = (slant_severity)i;
            return 0;
        }
    }
    return SLANT_EINVAL;
}

const char *slant_voice_name(slant_voice voice)
{
    return voice == SLANT_VOICE_QUOTE ? "quote" : "author";
}

static const char *const formats[] = {"text", "json", "jsonl", "sarif", "html",
                                      "github", "checkstyle", "tsv", "line", "pretty"};

int slant_format_parse(slant_format *out, const char *name)
{
    for (size_t i = 0; name && i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(formats[i], name) == 0) {
            *out = (slant_format)i;
            return 0;
        }
    }
    return SLANT_EINVAL;
}

const char *slant_format_name(slant_format format)
{
    return (unsigned)format < sizeof formats / sizeof formats[0] ? formats[format] : NULL;
}

const char *slant_strerror(int code)
{
    switch (code) {
    case SLANT_OK: return "success";
    case SLANT_ENOMEM: return "out of memory";
    case SLANT_EIO: return "input/output error";
    case SLANT_ERULES: return "the rules have errors";
    case SLANT_EINPUT: return "the document has errors";
    case SLANT_EINVAL: return "invalid argument";
    case SLANT_ENOTFOUND: return "not found";
    case SLANT_ELIMIT: return "a matching limit was hit; results are incomplete";
    case SLANT_ESTATE: return "object not in a state for this call";
    default: return "unknown error";
    }
}
