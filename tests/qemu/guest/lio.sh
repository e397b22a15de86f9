# lio_alua_target IQN: a 32 MiB LIO ramdisk LUN exported by IQN through
# TPG 1 (127.0.0.1:3260, ALUA group default_tg_pt_gp: active/optimized) and
# TPG 2 (127.0.0.1:3261, ALUA group nonopt: active/non-optimized), open to
# any initiator. Shared by scenario 4 and the fixture capture.
lio_alua_target() {
	local iqn=$1 cfg=/sys/kernel/config/target core t
	mount -t configfs configfs /sys/kernel/config 2>/dev/null
	core=$cfg/core/rd_mcp_0/lun0
	mkdir -p $core || return 1
	echo rd_pages=8192 >$core/control
	echo 1 >$core/enable
	echo 6001405d3a5c0b6a >$core/wwn/vpd_unit_serial 2>/dev/null
	echo 0 >$core/alua/default_tg_pt_gp/alua_access_state
	echo 1 >$core/alua/default_tg_pt_gp/alua_access_type
	mkdir $core/alua/nonopt
	echo 2 >$core/alua/nonopt/tg_pt_gp_id
	echo 1 >$core/alua/nonopt/alua_access_type
	echo 1 >$core/alua/nonopt/alua_access_state
	for t in 1 2; do
		local tpg=$cfg/iscsi/$iqn/tpgt_$t
		mkdir -p $tpg/lun/lun_0 || return 1
		ln -s $core $tpg/lun/lun_0/lun
		mkdir "$tpg/np/127.0.0.1:$((3259 + t))" || return 1
		echo 1 >$tpg/attrib/generate_node_acls
		echo 0 >$tpg/attrib/authentication
		echo 0 >$tpg/attrib/demo_mode_write_protect
		echo 1 >$tpg/attrib/cache_dynamic_acls
		echo 1 >$tpg/enable
	done
	echo nonopt >$cfg/iscsi/$iqn/tpgt_2/lun/lun_0/alua_tg_pt_gp
}
