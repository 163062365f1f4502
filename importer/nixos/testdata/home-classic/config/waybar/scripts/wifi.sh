#!/bin/sh
nmcli -t -f active,ssid dev wifi | grep ^yes
