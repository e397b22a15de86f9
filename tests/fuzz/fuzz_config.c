/* The multipath.conf parser, resolution, blacklist and printer on arbitrary
 * text: nothing may crash, leak or read out of bounds, and the printed
 * configuration must parse again. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct path p = { .dev = "sdb", .vendor = "LIO-ORG", .model = "disk",
			  .wwid = "36001405aaaa", .dh_state = "alua" };
	struct config cfg = { 0 }, again = { 0 };
	struct mp_attrs a;
	char *text, *printed, why[128];

	log_verbosity = 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (config_parse_text(&cfg, "fuzz.conf", text) == 0) {
		config_resolve(&cfg, &p, &a);
		config_blacklisted(&cfg, &p, why, sizeof(why));
		config_has_multipath(&cfg, p.wwid);
		printed = config_format(&cfg);
		if (printed) {
			config_parse_text(&again, "printed", printed);
			free(printed);
		}
	}
	config_free(&again);
	config_free(&cfg);
	free(text);
	return 0;
}
