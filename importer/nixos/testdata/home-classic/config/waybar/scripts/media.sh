#!/bin/sh
playerctl metadata --format "{{ title }}"
