#!/bin/sh
# First process under the lab's init in a host: the mounts a VM has, its name, then sshd.
set -eu
mkdir -p /dev/pts /dev/shm /run/sshd
mount -t proc proc /proc
mount -t sysfs -o ro sysfs /sys
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts /dev/pts
mount --bind /dev/pts/ptmx /dev/ptmx
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
hostname "$1"
exec /usr/sbin/sshd -D -e
