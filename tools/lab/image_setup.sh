#!/bin/sh
# Runs inside the freshly installed root file system, once, when the image is built.
set -eu
admin="$1"

useradd --create-home --shell /bin/bash "$admin"
usermod --password '*' "$admin" # no password, yet not "locked": key login must work
echo "$admin ALL=(ALL) NOPASSWD:ALL" >/etc/sudoers.d/90-lab-admin
chmod 0440 /etc/sudoers.d/90-lab-admin
install -d -m 0700 -o "$admin" -g "$admin" "/home/$admin/.ssh"

cat >/etc/ssh/sshd_config.d/10-lab.conf <<'CONF'
HostKey /etc/ssh/ssh_host_ed25519_key
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
UseDNS no
CONF
rm -f /etc/ssh/ssh_host_*  # each host gets its own keys at `up`

# Named "init" so that Ansible's service_mgr fact reads sysvinit (/etc/init.d scripts).
ln -s /usr/bin/tini /usr/local/sbin/init

rm -f /usr/sbin/policy-rc.d
rm -f /etc/apt/sources.list.d/* && : >/etc/apt/sources.list  # no mirror is reachable from the lab
apt-get clean
rm -rf /var/lib/apt/lists/* /var/log/*.log /var/log/apt/* /etc/hostname
echo '# lab hosts have no DNS server: names come from /etc/hosts' >/etc/resolv.conf
