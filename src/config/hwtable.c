/* The built-in hardware table: multipath-tools 0.9.4's (the version
 * Debian 12 ships), entry for entry and in its order, each attribute as
 * the multipath.conf keyword and value `multipath -t` prints for it. Data
 * only: config_init reads it through the same keyword code as a user's
 * devices section. Attributes mpboot does not use (uid_attribute,
 * vpd_vendor, flush_on_last_del, rr_min_io) are kept, so the table stays
 * a faithful copy.
 * tests/config/hwtable.sh compares every entry and attribute with Debian's
 * own `multipath -t`. */
#include "config/hwtable.h"

/* keyword, value, keyword, value, ..., NULL */
#define SET(...)	((const char *const[]){ __VA_ARGS__, NULL })

const struct hwtable_entry hwtable[] = {
	{ "NVM[eE]", ".*", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"uid_attribute", "ID_WWN",
		"path_checker", "none",
		"failback", "immediate") },
	{ "APPLE", "Xserve RAID", .set = SET(
		"path_grouping_policy", "multibus") },
	{ "3PARdata", "VV", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "18",
		"fast_io_fail_tmo", "10",
		"dev_loss_tmo", "infinity",
		"vpd_vendor", "hp3par") },
	{ "NVME", "HPE Alletra", .set = SET(
		"no_path_retry", "queue") },
	{ "DEC", "HSG80", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "hp_sw",
		"hardware_handler", "1 hp_sw",
		"prio", "hp_sw",
		"no_path_retry", "queue") },
	{ "HP", "A6189A", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "12") },
	{ "(COMPAQ|HP)", "(MSA|HSV)1[01]0", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "hp_sw",
		"hardware_handler", "1 hp_sw",
		"prio", "hp_sw",
		"no_path_retry", "12") },
	{ "(COMPAQ|HP)", "MSA VOLUME", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "12") },
	{ "(COMPAQ|HP)", "(HSV1[01]1|HSV2[01]0|HSV3[046]0|HSV4[05]0)", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "12") },
	{ "HP", "(MSA2[02]12fc|MSA2012i)", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "18") },
	{ "HP", "(MSA2012sa|MSA23(12|24)(fc|i|sa)|MSA2000s VOLUME)", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "18") },
	{ "(HP|HPE)", "MSA [12]0[456]0 (SAN|SAS|FC|iSCSI)", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "18") },
	{ "HP", "(HSVX700|HSVX740)", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "12") },
	{ "HP", "LOGICAL VOLUME", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "12") },
	{ "HP", "(P2000 G3 FC|P2000G3 FC/iSCSI|P2000 G3 SAS|P2000 G3 iSCSI)", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "18") },
	{ "LEFTHAND", "(P4000|iSCSIDisk|FCDISK)", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "18") },
	{ "Nimble", "Server", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "queue") },
	{ "SGI", "TP9100", .set = SET(
		"path_grouping_policy", "multibus") },
	{ "SGI", "TP9[3457]00", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "SGI", "IS", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "SGI", "^DD[46]A-", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "DDN", "SAN DataDirector", .set = SET(
		"path_grouping_policy", "multibus") },
	{ "DDN", "^EF3010", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "30") },
	{ "DDN", "^(EF3015|S2A|SFA)", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "NEXENTA", "COMSTAR", .set = SET(
		"path_grouping_policy", "group_by_serial",
		"no_path_retry", "30") },
	{ "TEGILE", "(ZEBI-(FC|ISCSI)|INTELLIFLASH)", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "10") },
	{ "EMC", "SYMMETRIX", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "6") },
	{ "NVME", "EMC PowerMax", .set = SET(
		"no_path_retry", "queue") },
	{ "^DGC", "^(RAID|DISK|VRAID)", .bl_product = "LUNZ", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "emc_clariion",
		"hardware_handler", "1 emc",
		"prio", "emc",
		"failback", "immediate",
		"no_path_retry", "60",
		"detect_checker", "no") },
	{ "EMC", "Invista", .bl_product = "LUNZ", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "5") },
	{ "XtremIO", "XtremApp", .set = SET(
		"path_grouping_policy", "multibus") },
	{ "COMPELNT", "Compellent Vol", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"failback", "immediate",
		"no_path_retry", "queue") },
	{ "DELL", "^MD3", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "DellEMC", "PowerStore", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "3",
		"fast_io_fail_tmo", "15") },
	{ ".*", "dellemc-powerstore", .set = SET(
		"no_path_retry", "3") },
	{ "DellEMC", "^ME", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate") },
	{ "FSC", "CentricStor", .set = SET(
		"path_grouping_policy", "group_by_serial") },
	{ "FUJITSU", "ETERNUS_DX(H|L|M|400|8000)", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "10") },
	{ "(EUROLOGC|EuroLogc)", "FC2502", .set = SET(
		"path_grouping_policy", "multibus") },
	{ "FUJITSU", "E[234]000", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "10") },
	{ "FUJITSU", "E[68]000", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "10") },
	{ "FUJITSU", "ETERNUS_AHB", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "(HITACHI|HP|HPE)", "^OPEN-", .set = SET(
		"path_grouping_policy", "multibus") },
	{ "HITACHI", "^DF", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "hds",
		"failback", "immediate",
		"no_path_retry", "queue") },
	{ "HITACHI", "^DF600F", .set = SET(
		"path_grouping_policy", "multibus") },
	{ "IBM", "ProFibre 4000R", .set = SET(
		"path_grouping_policy", "multibus") },
	{ "IBM", "^1722-600", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "IBM", "^1724", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "IBM", "^1726", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "IBM", "^1742", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "IBM", "^1746", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "IBM", "^1813", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "IBM", "^1814", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "IBM", "^1815", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "IBM", "^1818", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "IBM", "^3526", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "IBM", "^(3542|3552)", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "IBM", "^2105", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "queue") },
	{ "IBM", "^1750500", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "queue") },
	{ "IBM", "^2107900", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"failback", "immediate",
		"no_path_retry", "queue") },
	{ "IBM", "^2145", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "queue") },
	{ "NVME", "IBM[ ]+2145", .set = SET(
		"no_path_retry", "queue") },
	{ "IBM", "S/390 DASD ECKD", .bl_product = "S/390", .set = SET(
		"path_grouping_policy", "multibus",
		"uid_attribute", "ID_UID",
		"path_checker", "directio",
		"no_path_retry", "queue") },
	{ "IBM", "S/390 DASD FBA", .bl_product = "S/390", .set = SET(
		"path_grouping_policy", "multibus",
		"uid_attribute", "ID_UID",
		"path_checker", "directio",
		"no_path_retry", "queue") },
	{ "IBM", "^IPR", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "queue") },
	{ "IBM", "1820N00", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "queue") },
	{ "(XIV|IBM)", "(NEXTRA|2810XIV)", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"failback", "15",
		"no_path_retry", "queue") },
	{ "(TMS|IBM)", "(RamSan|FlashSystem)", .set = SET(
		"path_grouping_policy", "multibus") },
	{ "NVMe", "FlashSystem", .set = SET(
		"no_path_retry", "fail") },
	{ "IBM", "^(DCS9900|2851)", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "AIX", "VDASD", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "60") },
	{ "IBM", "3303[ ]+NVDISK", .set = SET(
		"no_path_retry", "60") },
	{ "AIX", "NVDISK", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "60") },
	{ "LENOVO", "DE_Series", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "NETAPP", "LUN", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"features", "2 pg_init_retries 50",
		"prio", "ontap",
		"failback", "immediate",
		"no_path_retry", "queue",
		"flush_on_last_del", "yes",
		"dev_loss_tmo", "infinity",
		"user_friendly_names", "no") },
	{ "(NETAPP|LSI|ENGENIO)", "INF-01-00", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "SolidFir", "SSD SAN", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "24") },
	{ "NVME", "^NetApp ONTAP Controller", .set = SET(
		"no_path_retry", "queue") },
	{ "NEC", "DISK ARRAY", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate") },
	{ "^Pillar", "^Axiom", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate") },
	{ "^Oracle", "^Oracle FS", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate") },
	{ "STK", "BladeCtlr", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "STK", "OPENstorage", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "STK", "FLEXLINE 380", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "SUN", "StorEdge 3", .set = SET(
		"path_grouping_policy", "multibus") },
	{ "SUN", "STK6580_6780", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "SUN", "CSM[12]00_R", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "SUN", "LCSM100_[IEFS]", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "SUN", "SUN_6180", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "SUN", "ArrayStorage", .bl_product = "Universal Xport", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_checker", "rdac",
		"features", "2 pg_init_retries 50",
		"hardware_handler", "1 rdac",
		"prio", "rdac",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "SUN", "(Sun Storage|ZFS Storage|COMSTAR)", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "PIVOT3", "RAIGE VOLUME", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "queue") },
	{ "(NexGen|Pivot3)", "(TierStore|vSTAC)", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "queue") },
	{ "(Intel|INTEL)", "Multi-Flex", .bl_product = "VTrak V-LUN", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "queue") },
	{ "(LIO-ORG|SUSE)", ".*", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "12") },
	{ "DataCore", "SANmelody", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "queue") },
	{ "DataCore", "Virtual Disk", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "queue") },
	{ "PURE", "FlashArray", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"fast_io_fail_tmo", "10") },
	{ "NVME", "Pure Storage FlashArray", .set = SET(
		"no_path_retry", "10") },
	{ "HUAWEI", "XSG1", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"failback", "immediate",
		"no_path_retry", "15") },
	{ "NVM[eE]", "Huawei-XSG1", .set = SET(
		"path_checker", "directio",
		"no_path_retry", "12") },
	{ "KOVE", "XPD", .set = SET(
		"path_grouping_policy", "multibus") },
	{ "NFINIDAT", "InfiniBox", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"path_selector", "round-robin 0",
		"prio", "alua",
		"failback", "30",
		"rr_weight", "priorities",
		"no_path_retry", "fail",
		"rr_min_io", "1",
		"rr_min_io_rq", "1",
		"flush_on_last_del", "yes",
		"fast_io_fail_tmo", "15",
		"dev_loss_tmo", "15") },
	{ "KMNRIO", "K2", .set = SET(
		"path_grouping_policy", "multibus") },
	{ "NEXSAN", "NXS-B0", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "15") },
	{ "NEXSAN", "SATAB", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "15") },
	{ "Nexsan", "(NestOS|NST5000)", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "VIOLIN", "SAN ARRAY$", .set = SET(
		"path_grouping_policy", "group_by_serial",
		"no_path_retry", "30") },
	{ "VIOLIN", "SAN ARRAY ALUA", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "VIOLIN", "CONCERTO ARRAY", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "30") },
	{ "(XIOTECH|XIOtech)", "ISE", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "12") },
	{ "(XIOTECH|XIOtech)", "IGLU DISK", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "30") },
	{ "(XIOTECH|XIOtech)", "Magnitude", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "30") },
	{ "Vexata", "VX", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "30") },
	{ "Promise", "VTrak", .bl_product = "VTrak V-LUN", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "Promise", "Vess", .bl_product = "Vess V-LUN", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"hardware_handler", "1 alua",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "^IFT", ".*", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "DotHill", "SANnet", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "30") },
	{ "DotHill", "R/Evo", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "DotHill", "^DH", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "30") },
	{ "AStor", "NeoSapphire", .set = SET(
		"path_grouping_policy", "multibus",
		"no_path_retry", "30") },
	{ "INSPUR", "MCS", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate") },
	{ "MacroSAN", "LU", .set = SET(
		"path_grouping_policy", "group_by_prio",
		"prio", "alua",
		"failback", "immediate",
		"no_path_retry", "30") },
};

const size_t hwtable_size = sizeof(hwtable) / sizeof(hwtable[0]);
