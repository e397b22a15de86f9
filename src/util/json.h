/* A tiny JSON writer to a FILE*: containers, keys, strings, numbers, null,
 * written as they come, indented two spaces per level. The writer keeps
 * the commas; the caller keeps the nesting right (key before each value in
 * an object). Strings are escaped so the output is always valid JSON:
 * control bytes and bytes 0x7f-0xff are written as \u00XX (0x80-0xff read
 * as Latin-1), since device strings carry no declared encoding. */
#pragma once

#include <stdio.h>

#define JSON_MAX_DEPTH	16

struct json {
	FILE *f;
	int depth;			/* open containers */
	int count[JSON_MAX_DEPTH];	/* items written in each */
	int after_key;			/* a key waits for its value */
};

void json_init(struct json *j, FILE *f);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s);
void json_int(struct json *j, long long v);
void json_uint(struct json *j, unsigned long long v);
void json_null(struct json *j);

/* Finish the document with a newline. */
void json_end(struct json *j);
