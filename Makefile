# Two commands for a fresh machine:
#   make serve   installs what is missing, builds, serves the app with the sample data
#   make test    installs what is missing, runs every test tier
PORT ?= 8080

.PHONY: serve test build setup dev

serve:
	tools/setup.sh build
	tools/build.sh
	@echo
	@echo "  Partner Attribution: http://127.0.0.1:$(PORT)/#sample"
	@echo "  (the sample data loads at that address; drop your own export any time)"
	@echo
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

test:
	tools/setup.sh test
	tools/test.sh

build:
	tools/setup.sh build
	tools/build.sh

# Live-reloading debug build for development (trunk serve).
dev:
	tools/setup.sh build
	PATH="$$PWD/tools/node_modules/.bin:$$PATH" trunk serve --port $(PORT)
