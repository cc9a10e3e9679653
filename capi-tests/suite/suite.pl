#!/usr/bin/env perl
# Helpers for run.sh: classify curl's test cases by feature, watch for hung processes, tally a
# runtests.pl log against the ratchet, and write RESULTS.md. See run.sh for the usage.
use strict;
use warnings;
use POSIX ();

my $STREAK = 3;    # consecutive passes before a case joins passing.txt

# ----------------------------------------------------------------------------------------
# Features. A case's feature is the first rule that matches it. `later` rules are features
# this library does not build yet: their cases go to skip.txt. Each rule can match
#   kw:  a keyword of the case (<keywords>, case-insensitive regex)
#   srv: a server the case starts (<server>)
#   cmd: the curl command line (<command>) or the libtest's arguments
#   src: the libtest program's C source
#   env: the case's <setenv>
#   feat: a feature the case requires (<features>)
my @RULES = (
    {   name  => 'HTTP/2 and HTTP/3',
        later => 'HTTP/2 and HTTP/3 are not built',
        kw    => qr{^HTTP/[23]$}i,
        srv   => qr{^http/[23]}i,
        cmd   => qr/--http2|--http3/,
        feat  => qr/^(http2|h2c|http\/2|http3|http\/3)$/i,
        src   => qr/CURL_HTTP_VERSION_2|CURL_HTTP_VERSION_3|CURLPIPE_MULTIPLEX/,
    },
    {   name  => 'HAProxy protocol',
        later => 'the HAProxy PROXY protocol is not built',
        kw    => qr/haproxy/i,
        cmd   => qr/--haproxy\S*/,
        src   => qr/CURLOPT_HAPROXYPROTOCOL/,
    },
    {   name  => 'cookies',
        later => 'the cookie engine is not built (COOKIEFILE, COOKIEJAR, COOKIELIST)',
        kw    => qr/cookie/i,
        cmd   => qr/(^|\s)(-b|-c|-j|--cookie|--cookie-jar|--junk-session-cookies)(\s|=|$)/,
        src   => qr/CURLOPT_COOKIEFILE|CURLOPT_COOKIEJAR|CURLOPT_COOKIELIST|CURLOPT_COOKIESESSION|CURL_LOCK_DATA_COOKIE|CURLINFO_COOKIELIST/,
        feat  => qr/^cookies$/i,
    },
    {   name  => 'mime and form posts',
        later => 'mime and form posts are not built',
        kw    => qr/FORMPOST|MIME|^FORM$|multipart/i,
        cmd   => qr/(^|\s)(-F|--form|--form-string|--form-escape)(\s|=|$)/,
        src   => qr/curl_mime_|curl_formadd|CURLOPT_MIMEPOST|CURLOPT_HTTPPOST/,
        feat  => qr/^(Mime|form-api)$/i,
    },
    {   name  => 'Digest, NTLM, Negotiate and other auth',
        later => 'only Basic authentication is built',
        kw    => qr/Digest|NTLM|Negotiate|GSS|Kerberos|SPNEGO|SASL|anyauth|AWS_SIGV4|aws-sigv4|bearer|OAUTH/i,
        cmd   => qr/--digest|--ntlm|--negotiate|--anyauth|--aws-sigv4|--krb|--delegation|--oauth2-bearer|--proxy-digest|--proxy-ntlm|--proxy-negotiate|--proxy-anyauth/,
        src   => qr/CURLAUTH_(DIGEST|NTLM|NEGOTIATE|ANY|GSS|AWS)|CURLOPT_AWS_SIGV4|CURLOPT_XOAUTH2_BEARER|libntlmconnect/,
        feat  => qr/^(NTLM|NTLM_WB|GSS-API|Kerberos|SPNEGO|crypto)$/i,
    },
    {   name  => 'other protocols',
        later => 'only http:// and file:// are built',
        kw    => qr/^(FTPS?|TFTP|IMAPS?|POP3S?|SMTPS?|RTSP|DICT|GOPHERS?|MQTT|SMB|TELNET|LDAP|SCP|SFTP|SSH|WebSockets?|WS|PASV|EPSV|RETR|STOR|LIST)$/i,
        srv   => qr/^(ftp|tftp|imap|pop3|smtp|rtsp|dict|gopher|mqtt|smb|telnet|ssh|sftp|scp|ws)/i,
        cmd   => qr{\b(ftps?|tftp|imaps?|pop3s?|smtps?|rtsp|dict|gophers?|mqtt|smb|telnet|ldap|scp|sftp|wss?)://}i,
    },
    {   name  => 'HSTS and alt-svc',
        later => 'HSTS and alt-svc are not built',
        kw    => qr/HSTS|Alt-Svc|altsvc/i,
        cmd   => qr/--hsts|--alt-svc/,
        src   => qr/CURLOPT_HSTS|CURLOPT_ALTSVC/,
        feat  => qr/^(HSTS|alt-svc)$/i,
    },
    {   name  => 'IDN',
        later => 'international domain names are not built',
        kw    => qr/^IDN$/i,
        feat  => qr/^IDN$/i,
    },
    {   name  => 'Unix domain sockets',
        kw    => qr/unix.?socket/i,
        srv   => qr/-unix/,
        cmd   => qr/--unix-socket|--abstract-unix-socket/,
        src   => qr/CURLOPT_UNIX_SOCKET_PATH|CURLOPT_ABSTRACT_UNIX_SOCKET/,
    },
    {   name  => 'HTTP/0.9',
        kw    => qr{HTTP/0\.9}i,
        cmd   => qr/--http0\.9/,
        src   => qr/CURLOPT_HTTP09_ALLOWED/,
    },
    {   name  => 'DoH',
        later => 'DNS over HTTPS is not built',
        kw    => qr/DOH/,
        cmd   => qr/--doh-url/,
        src   => qr/CURLOPT_DOH_URL/,
    },
    {   name  => 'brotli and zstd',
        later => 'only gzip and deflate content decoding is built',
        kw    => qr/brotli|zstd/i,
        feat  => qr/^(brotli|zstd)$/i,
    },
    {   name  => 'transfer speed limits',
        later => 'MAX_SEND_SPEED and MAX_RECV_SPEED are not built',
        cmd   => qr/--limit-rate/,
        src   => qr/CURLOPT_MAX_(SEND|RECV)_SPEED/,
    },
    {   name  => 'CONNECT_ONLY, recv/send, WebSockets',
        later => 'curl_easy_recv, curl_easy_send, CONNECT_ONLY and curl_ws_* are not built',
        src   => qr/curl_easy_recv|curl_easy_send|CURLOPT_CONNECT_ONLY|curl_ws_/,
    },

    {   name  => 'HTTPS proxies',
        later => 'HTTPS proxies are not built',
        cmd   => qr{(-x|--proxy|--preproxy)\s+https://|--proxy-cacert|--proxy-insecure|--proxy-cert},
        feat  => qr/^HTTPS-proxy$/i,
    },
    {   name  => 'TLS certificate details',
        cmd   => qr/%\{certs\}|--cert-status|--certinfo/,
        src   => qr/CURLOPT_CERTINFO|CURLINFO_CERTINFO/,
    },
    {   name  => 'OpenSSL-specific',
        later => "the case needs libcurl's OpenSSL backend (our TLS is rustls)",
        feat  => qr/^OpenSSL$/i,
    },
    {   name  => 'public key pinning cases',
        later => "runtests.pl runs them only for TLS libraries it knows to pin keys, which in "
          . "7.88.1 leaves rustls out (our pinning is tested in capi-tests/tests/https.rs)",
        feat  => qr/^sslpinning$/i,
    },
    # TLS cases that need nothing of the above.
    {   name   => 'HTTPS/TLS',
        kw     => qr/^HTTPS$|^SSL|^TLS|certificate|pinnedpubkey|--cert/i,
        srv    => qr/^https|^ftps|^imaps|^pop3s|^smtps/i,
        cmd    => qr{https://|%HTTPSPORT|%HTTPTLSPORT|--cacert|--capath|--pinnedpubkey|--ssl\b|--tlsv|--ciphers},
        feat   => qr/^TLS-SRP$/i,
    },

    # Next on the plan: not skipped.
    {   name => 'multi interface',
        kw   => qr/^multi$|CURLM|curl_multi/i,
        cmd  => qr/(^|\s)(-Z|--parallel)(\s|$)/,
        src  => qr/curl_multi_/,
    },
    { name => 'share handles', kw => qr/share/i,       src => qr/curl_share_/ },
    { name => 'URL API',       kw => qr/CURLOPT_CURLU|curl_url/i, src => qr/curl_url|CURLOPT_CURLU/ },
    {   name => 'header API',
        kw   => qr/%header|header_json|curl_easy_header/i,
        cmd  => qr/%header\{|header_json/,
        src  => qr/curl_easy_header|curl_easy_nextheader/,
    },
    { name => 'curl_getdate', src => qr/curl_getdate/, cmd => qr/(^|\s)(-z|--time-cond)(\s|$)/ },
    {   name => 'local binding (INTERFACE, LOCALPORT)',
        kw   => qr/--interface|--local-port/i,
        cmd  => qr/--interface|--local-port/,
        src  => qr/CURLOPT_INTERFACE|CURLOPT_LOCALPORT/,
    },

    {   name  => 'SOCKS proxies',
        kw    => qr/SOCKS/i,
        srv   => qr/socks/i,
        cmd   => qr{(^|\s)(--preproxy|--socks\S*)(\s|=|$)|socks[45]a?h?://|%SOCKSPORT}i,
        env   => qr{_proxy=socks}i,
        src   => qr/CURLOPT_PRE_PROXY|CURLPROXY_SOCKS/,
        feat  => qr/^socks$/i,
    },
    {   name => 'HTTP proxies and CONNECT',
        kw   => qr/proxy|^(HTTP )?CONNECT$|proxytunnel/i,
        srv  => qr/proxy/i,
        cmd  => qr/(^|\s)(-x|-p|--proxy\S*|--proxytunnel|--noproxy)(\s|=|$)|%PROXYPORT/,
        env  => qr/_proxy=/i,
        src  => qr/CURLOPT_PROXY|CURLOPT_HTTPPROXYTUNNEL/,
        feat => qr/^proxy$/i,
    },

    # HTTP over the easy interface, by what the case is about.
    { name => 'auth: Basic', kw => qr/Basic/i, cmd => qr/(^|\s)(-u|--user|--basic)(\s|$)/ },
    { name => 'redirects',   kw => qr/followlocation|redirect|--location/i, cmd => qr/(^|\s)(-L|--location\S*)(\s|$)/ },
    { name => 'netrc',       kw => qr/netrc/i, cmd => qr/--netrc/ },
    {   name => 'POST',
        kw   => qr/POST|--json/i,
        cmd  => qr/(^|\s)(-d|--data\S*|--json)(\s|$)/,
    },
    { name => 'PUT and uploads',      kw => qr/PUT|upload/i, cmd => qr/(^|\s)(-T|--upload-file)(\s|$)/ },
    { name => 'ranges and resume',    kw => qr/Resume|Range/i, cmd => qr/(^|\s)(-C|-r|--range|--continue-at)(\s|$)/ },
    { name => 'compressed content',   kw => qr/compressed|gzip|deflate|Content-Encoding/i, cmd => qr/--compressed/ },
    { name => 'chunked transfer-encoding', kw => qr/chunked|Transfer-Encoding/i },
    { name => 'time conditions',      kw => qr/If-Modified-Since|TIMECONDITION|-z/i },
    { name => '--write-out',          kw => qr/write-out|^-w$/i, cmd => qr/(^|\s)(-w|--write-out)(\s|$)/ },
    { name => 'custom headers',       kw => qr/headers?\b/i, cmd => qr/(^|\s)(-H|--header)(\s|$)/ },
    { name => 'HEAD and custom methods', kw => qr/HEAD|CUSTOMREQUEST|custom request/i, cmd => qr/(^|\s)(-I|--head|-X|--request)(\s|$)/ },
    {   name => '--resolve and --connect-to',
        kw   => qr/resolve|CONNECT_TO|connect-to/i,
        cmd  => qr/--resolve|--connect-to/,
    },
    { name => 'IPv6',     kw => qr/IPv6/i, srv => qr/-ipv6/ },
    { name => 'HTTP/1.0', kw => qr{HTTP/1\.0}i, cmd => qr/(^|\s)(-0|--http1\.0)(\s|$)/ },
    {   name => 'errors, timeouts, retries',
        kw   => qr/FAILURE|--fail|non-listen|non-existing|timeout|retry|RETRY/i,
        cmd  => qr/(^|\s)(-f|--fail\S*|-m|--max-time|--retry\S*|--connect-timeout)(\s|$)/,
    },
    {   name => 'curl tool options',
        kw   => qr/^-|^--|globbing|config file|range$|list$|clobber|output/i,
    },
    { name => 'HTTP GET', kw => qr/GET/ },
);

# ----------------------------------------------------------------------------------------
# Reading test cases.

sub slurp {
    my ($f) = @_;
    open(my $fh, '<', $f) or return '';
    local $/;
    my $s = <$fh>;
    close $fh;
    return $s;
}

sub section {
    my ($text, $tag) = @_;
    return '' unless $text =~ m{<$tag(?:\s[^>]*)?>(.*?)</$tag>}s;
    return $1;
}

sub lines_of {
    my ($s) = @_;
    return grep { length } map { s/^\s+|\s+$//gr } split /\n/, $s;
}

my %libsrc_cache;
my %libtest_sources;    # tool name => [files]

sub libtest_sources {
    my ($tree) = @_;
    return if %libtest_sources;
    my $mk = slurp("$tree/tests/libtest/Makefile.inc");
    $mk =~ s/\\\n/ /g;
    while ($mk =~ /^(\w+)_SOURCES\s*=\s*(.*)$/mg) {
        my ($tool, $files) = ($1, $2);
        $libtest_sources{$tool} = [grep {/\.c$/} split /\s+/, $files];
    }
}

sub libsrc {
    my ($tree, $tool) = @_;
    return $libsrc_cache{$tool} if exists $libsrc_cache{$tool};
    libtest_sources($tree);
    my $dir   = "$tree/tests/libtest";
    my @files = @{$libtest_sources{$tool} || ["$tool.c"]};
    my $text  = '';
    my %seen;
    while (my $f = shift @files) {
        next if $seen{$f}++ || $f =~ m{^\.\./|^(first|testutil|testtrace)\.c$};
        my $s = slurp("$dir/$f");
        $text .= $s;
        push @files, $1 while $s =~ /^#\s*include\s+"([^"]+\.c)"/mg;
    }
    return $libsrc_cache{$tool} = $text;
}

sub read_case {
    my ($tree, $n) = @_;
    my $text = slurp("$tree/tests/data/test$n");
    return undef unless length $text;
    my $info   = section($text, 'info');
    my $client = section($text, 'client');
    my %c      = (n => $n);
    $c{keywords} = [lines_of(section($info, 'keywords'))];
    $c{servers}  = [lines_of(section($client, 'server'))];
    $c{features} = [grep { !/^!/ } lines_of(section($client, 'features'))];
    ($c{tool}) = lines_of(section($client, 'tool'));
    $c{tool} //= '';
    $c{tool} =~ s/%TESTNUMBER/$n/g;
    $c{command} = join ' ', lines_of(section($client, 'command'));
    $c{setenv}  = join ' ', lines_of(section($client, 'setenv'));
    $c{name}    = join ' ', lines_of(section($client, 'name'));
    $c{src}     = $c{tool} ? libsrc($tree, $c{tool}) : '';
    return \%c;
}

sub all_cases {
    my ($tree) = @_;
    opendir(my $dh, "$tree/tests/data") or die "no $tree/tests/data\n";
    my @n = sort { $a <=> $b } map { /^test(\d+)$/ ? $1 : () } readdir $dh;
    closedir $dh;
    return @n;
}

# The cases runtests.pl would consider for these keywords ("!K" excludes).
sub selected {
    my ($c, $keywords) = @_;
    my @want = grep { !/^!/ } split ' ', $keywords;
    my @not  = map  { substr($_, 1) } grep {/^!/} split ' ', $keywords;
    my %kw   = map  { lc($_) => 1 } @{$c->{keywords}};
    return 0 if grep { $kw{lc $_} } @not;
    return scalar grep { $kw{lc $_} } @want;
}

sub classify {
    my ($c) = @_;
    for my $r (@RULES) {
        my $hit = 0;
        $hit ||= grep { $_ ne 'HTTP' && $_ =~ $r->{kw} } @{$c->{keywords}} if $r->{kw};
        $hit ||= grep { $_ =~ $r->{srv} } @{$c->{servers}} if $r->{srv};
        $hit ||= grep { $_ =~ $r->{feat} } @{$c->{features}} if $r->{feat};
        $hit ||= $c->{command} =~ $r->{cmd} if $r->{cmd};
        $hit ||= $c->{setenv} =~ $r->{env}  if $r->{env};
        $hit ||= $c->{src} =~ $r->{src}     if $r->{src} && $c->{src};
        return $r if $hit;
    }
    return {name => 'HTTP (other)'};
}

sub via { $_[0]{tool} ? 'libtest' : 'curl tool' }

# ----------------------------------------------------------------------------------------
# Files in the suite directory.

sub read_list {    # passing.txt: case numbers, '#' comments
    my ($f) = @_;
    my %h;
    for (split /\n/, slurp($f)) {
        $h{$1} = 1 if /^\s*(\d+)/;
    }
    return \%h;
}

sub read_pairs {    # "case value" lines
    my ($f) = @_;
    my %h;
    for (split /\n/, slurp($f)) {
        $h{$1} = $2 if /^\s*(\d+)\s+(\S.*?)\s*$/;
    }
    return \%h;
}

sub write_file {
    my ($f, $text) = @_;
    open(my $fh, '>', "$f.tmp") or die "cannot write $f: $!\n";
    print $fh $text;
    close $fh or die "cannot write $f: $!\n";
    rename "$f.tmp", $f or die "cannot rename $f.tmp: $!\n";
}

sub args {
    my %o;
    my @rest;
    while (@_) {
        my $a = shift;
        if ($a =~ /^--([\w-]+)$/) {
            my $name = $1;
            $o{$name} = (@_ && $_[0] !~ /^--[a-z]/) ? shift : 1;
        }
        else { push @rest, $a }
    }
    return (\%o, @rest);
}

# ----------------------------------------------------------------------------------------
# classify: "case feature [later] via keywords" for the selection or the given cases

sub cmd_classify {
    my ($o, @cases) = args(@_);
    my @n = @cases ? @cases : all_cases($o->{tree});
    for my $n (@n) {
        my $c = read_case($o->{tree}, $n) or next;
        next if !@cases && !selected($c, $o->{keywords});
        my $r = classify($c);
        printf "%-5d %-40s %-9s %s\n", $n, $r->{name} . ($r->{later} ? ' *' : ''), via($c),
          join(', ', @{$c->{keywords}});
    }
    print "(* = not built yet: skip.txt)\n";
}

# write-skip: skip.txt from the classification, keeping hand-written entries
sub cmd_write_skip {
    my ($o) = args(@_);
    my $file = $o->{skip};
    my %later = map { $_->{name} => 1 } grep { $_->{later} } @RULES;
    # Cases that passed on our library in the latest run (run.sh --all runs them all) are
    # left out: whatever they need, they pass without it.
    my %passed = map { $_->[0] => 1 } grep { $_->[1] eq 'pass' } @{read_tsv("$o->{results}/ours.tsv")};
    my (%keep, @out);
    for (split /\n/, slurp($file)) {    # entries whose feature is not a generated one
        next unless /^(\d+)\t([^\t]*)\t(.*)$/;
        $keep{$1} = $_ unless $later{$2};
    }
    for my $n (all_cases($o->{tree})) {
        my $c = read_case($o->{tree}, $n) or next;
        next unless selected($c, $o->{keywords});
        my $r = classify($c);
        if ($keep{$n}) { push @out, $keep{$n}; next }
        push @out, "$n\t$r->{name}\t$r->{later}" if $r->{later} && !$passed{$n};
    }
    my $head = <<'EOF';
# Cases of curl's test suite (keywords HTTP and HTTPS) that run.sh does not run on our
# library: each needs a feature this library does not build yet. One case a line:
#   case <TAB> feature <TAB> reason
# The feature comes from the case's keywords, servers, curl options and libtest source (the
# rules in suite.pl). `run.sh --write-skip` regenerates the entries of those features,
# leaving out the cases that passed in the latest run (`run.sh --all` runs every case), and
# keeps any other line. When a feature lands, drop its `later` in suite.pl (or delete its
# entries here) and regenerate; `run.sh --update` then starts counting its cases.
EOF
    write_file($file, $head . join("\n", @out) . "\n");
    my %by;
    $by{(split /\t/)[1]}++ for @out;
    printf "%5d  %s\n", $by{$_}, $_ for sort { $by{$b} <=> $by{$a} } keys %by;
    printf "%5d  cases in %s\n", scalar @out, $file;
}

# ----------------------------------------------------------------------------------------
# watchdog: kill curl and libtest processes under --pid that run longer than --timeout

sub cmd_watchdog {
    my ($o) = args(@_);
    my ($root, $limit, $tree) = ($o->{pid}, $o->{timeout}, $o->{tree});
    my $hz = POSIX::sysconf(POSIX::_SC_CLK_TCK()) || 100;
    $| = 1;
    while (kill 0, $root) {
        my (%parent, %start);
        opendir(my $dh, '/proc') or last;
        for my $p (grep {/^\d+$/} readdir $dh) {
            my $st = slurp("/proc/$p/stat");
            next unless $st =~ /\)\s+(.*)$/s;
            my @f = split ' ', $1;    # fields from the 3rd on
            $parent{$p} = $f[1];
            $start{$p}  = $f[19];
        }
        closedir $dh;
        my ($uptime) = split ' ', slurp('/proc/uptime');
        for my $p (keys %parent) {
            my ($q, $under) = ($p, 0);
            for (1 .. 64) {
                $q = $parent{$q} // last;
                if ($q == $root) { $under = 1; last }
            }
            next unless $under;
            my $exe = readlink("/proc/$p/exe") // next;
            next unless $exe eq '/usr/bin/curl' || index($exe, "$tree/tests/libtest/") == 0;
            my $age = $uptime - $start{$p} / $hz;
            next if $age < $limit;
            my $args = slurp("/proc/$p/cmdline") =~ tr/\0/ /r;
            if (kill 'KILL', $p) {
                printf "watchdog: killed %d after %d s: %s\n", $p, $age, substr($args, 0, 200);
            }
        }
        sleep 2;
    }
}

# ----------------------------------------------------------------------------------------
# tally: a runtests.pl log against the selection, the reference and the ratchet

sub parse_log {
    my ($f) = @_;
    my (%ran, %ok, @done, @info, %failed, $cur);
    for (split /\n/, slurp($f)) {
        if (/^test (\d{4,})\.\.\./) { $cur = $1 + 0; $ran{$cur} = 1; next }
        if (/\bOK \(\s*\d+\s+out of\s+\d+/ && defined $cur) { $ok{$cur} = 1; $cur = undef; next }
        if (/^TESTDONE: (.*)/)                     { push @done, $1; next }
        if (/^TESTINFO: (.*)/)                     { push @info, $1; next }
        if (/^TESTFAIL: These test cases failed: (.*)/ || /^IGNORED: failed tests: (.*)/) {
            $failed{$_ + 0} = 1 for split ' ', $1;
        }
    }
    delete $ok{$_} for keys %failed;
    return {ran => \%ran, ok => \%ok, done => \@done, info => \@info};
}

sub cmd_tally {
    my ($o) = args(@_);
    my ($tree, $dir, $res, $mode) = @$o{qw(tree dir results mode)};
    my $log  = parse_log($o->{log});
    my $ours = $mode eq 'ours';
    my $complete = grep {/reported OK/} @{$log->{done}};

    my $skip = $ours && !$o->{all} && !$o->{cases} ? read_pairs("$dir/skip.txt") : {};
    my $ref  = $ours ? read_pairs("$dir/reference.txt") : {};
    my (@sel, %case);
    if ($o->{cases}) {
        @sel = split ' ', $o->{cases};
    }
    else {
        for my $n (all_cases($tree)) {
            my $c = read_case($tree, $n) or next;
            my $kw = $o->{keywords};
            $kw .= ' !HTTPS' unless $kw =~ /HTTPS/;
            next unless selected($c, $kw);
            $case{$n} = $c;
            push @sel, $n;
        }
    }
    $case{$_} //= read_case($tree, $_) for @sel;

    # Counted: the selection minus skip.txt, limited to what runtests.pl runs, and on our
    # library also what the reference run ran (runtests.pl skips cases whose features our
    # curl --version lacks; those count as failing).
    my (@counted, @skipped);
    for my $n (@sel) {
        if (exists $skip->{$n}) { push @skipped, $n; next }
        push @counted, $n if $log->{ran}{$n} || ($ours && exists $ref->{$n});
    }
    my %status;
    for my $n (@counted) {
        $status{$n} = $log->{ok}{$n} ? 'pass' : $log->{ran}{$n} ? 'fail' : 'not run';
    }
    my @pass = grep { $status{$_} eq 'pass' } @counted;
    my @fail = grep { $status{$_} ne 'pass' } @counted;

    # Results for --report.
    my $tsv = '';
    my $kw  = sub { (grep { uc($_) eq 'HTTPS' } @{$_[0]{keywords}}) ? 'HTTPS' : 'HTTP' };
    for my $n (@counted) {
        my $c = $case{$n};
        $tsv .= join("\t", $n, $status{$n}, classify($c)->{name}, via($c), $c->{name}, $kw->($c)) . "\n";
    }
    $tsv .= join("\t", $_, 'skip.txt', classify($case{$_})->{name}, via($case{$_}), $case{$_}{name},
        $kw->($case{$_})) . "\n"
      for @skipped;
    my $date = POSIX::strftime('%Y-%m-%d %H:%M UTC', gmtime);
    my $meta = join '', map {"$_\n"} (
        "date=$date",                "version=$o->{version}",
        "seconds=$o->{seconds}",     "build_seconds=$o->{'build-seconds'}",
        "lib=$o->{lib}",             "commit=" . ($o->{commit} // ''),
        "cpus=" . ($o->{cpus} // ''), "passed=" . scalar(@pass),
        "failed=" . scalar(@fail),   "skipped=" . scalar(@skipped),
        "complete=" . ($complete ? 1 : 0),
        (map {"testdone=$_"} @{$log->{done}}), (map {"testinfo=$_"} @{$log->{info}}),
    );
    unless ($o->{partial}) {
        write_file("$res/$mode.tsv",  $tsv);
        write_file("$res/$mode.meta", $meta);
    }

    # Failures by feature.
    my (%by, %byvia);
    for my $n (@fail) {
        my $f = classify($case{$n})->{name};
        $by{$f}++;
        $byvia{$f}{via($case{$n})}++;
    }
    if (@fail) {
        print "\nnot passing, by feature:\n";
        for my $f (sort { $by{$b} <=> $by{$a} || $a cmp $b } keys %by) {
            my $v = join ', ', map {"$_ $byvia{$f}{$_}"} sort keys %{$byvia{$f}};
            printf "  %5d  %-40s (%s)\n", $by{$f}, $f, $v;
        }
    }
    print "\n"; print "runtests.pl: $_\n" for @{$log->{done}};
    print "skipped (skip.txt): " . scalar(@skipped) . "\n" if @skipped;
    print "runtests.pl did not finish: the counts cover the cases it reached\n" unless $complete;

    my $rc = 0;
    if ($o->{'write-reference'}) {
        if ($complete) {
            my $t = "# The system libcurl's results over the same selection (run.sh --system):\n"
              . "# every case runtests.pl ran, pass or fail. A run on our library counts these\n"
              . "# cases even when runtests.pl skips them there (a feature our curl --version\n"
              . "# lacks).\n# $o->{version}, $date\n";
            $t .= "$_ $status{$_}\n" for @counted;
            write_file("$dir/reference.txt", $t);
            print "wrote reference.txt\n";
        }
        else { print "not writing reference.txt: the run did not finish\n"; $rc = 2 }
    }

    if ($ours) {
        my $passing = read_list("$dir/passing.txt");
        my @lost = grep { !$log->{ok}{$_} } sort { $a <=> $b } keys %$passing;
        @lost = grep { my $n = $_; grep { $_ == $n } @sel } @lost if $o->{cases};
        my @new = grep { !$passing->{$_} } @pass;
        if (@lost) {
            print "\nREGRESSION: these cases of passing.txt did not pass:\n";
            for my $n (@lost) {
                my $c = $case{$n} // read_case($tree, $n);
                my $why = exists $skip->{$n} ? 'listed in skip.txt' : $status{$n} // 'not in the selection';
                printf "  %5d  %-8s %s (%s)\n", $n, $why, $c ? $c->{name} : '?', $c ? classify($c)->{name} : '';
            }
            $rc = 1;
        }
        if (@new) {
            my @show = @new > 40 ? (@new[0 .. 39], '...') : @new;
            printf "\npassing, not yet in passing.txt (%d): %s\n", scalar @new, join(' ', @show);
        }

        if ($o->{update}) {
            if (!$complete) {
                print "not updating streak.txt: the run did not finish\n";
                $rc ||= 2;
            }
            else {
                my $streak = read_pairs("$dir/streak.txt");
                my %next;
                for my $n (@counted) {
                    $next{$n} = ($streak->{$n} // 0) + 1 if $status{$n} eq 'pass' && !$passing->{$n};
                }
                my @promote = sort { $a <=> $b } grep { $next{$_} >= $STREAK } keys %next;
                delete $next{$_} for @promote;
                $passing->{$_} = 1 for @promote;
                my $st = "# Cases passing on our library in consecutive run.sh --update runs, not yet in\n"
                  . "# passing.txt; a case moves there after $STREAK. A run where it does not pass\n"
                  . "# removes it.\n# case passes\n";
                $st .= "$_ $next{$_}\n" for sort { $a <=> $b } keys %next;
                write_file("$dir/streak.txt", $st);
                my $pt = "# Cases of curl's test suite that pass on our library (run.sh fails when one\n"
                  . "# of them does not). run.sh --update adds a case after $STREAK passing runs in a\n"
                  . "# row; remove one only on purpose.\n";
                $pt .= "$_\n" for sort { $a <=> $b } keys %$passing;
                write_file("$dir/passing.txt", $pt);
                printf "\nstreak.txt: %d cases counting; passing.txt: %d cases, %d added%s\n",
                  scalar(keys %next), scalar(keys %$passing), scalar @promote,
                  @promote && @promote <= 40 ? ': ' . join(' ', @promote) : '';
            }
        }
    }
    elsif (!$complete) {
        $rc ||= 2;
    }
    $rc = 2 if !$complete && !%{$log->{ran}};    # runtests.pl did not run at all
    printf "suite: %d passed, %d failed\n", scalar @pass, scalar @fail;
    exit $rc;
}

# ----------------------------------------------------------------------------------------
# report: RESULTS.md from the latest system and ours runs

sub read_meta {
    my ($f) = @_;
    my %m;
    for (split /\n/, slurp($f)) {
        next unless /^(\w+)=(.*)$/;
        if ($1 eq 'testdone' || $1 eq 'testinfo') { push @{$m{$1}}, $2 }
        else                                      { $m{$1} = $2 }
    }
    return \%m;
}

sub read_tsv {
    my ($f) = @_;
    return [map { [split /\t/] } grep {/\S/} split /\n/, slurp($f)];
}

sub cmd_report {
    my ($o) = args(@_);
    my ($dir, $res) = @$o{qw(dir results)};
    my $sys  = read_meta("$res/system.meta");
    my $ours = read_meta("$res/ours.meta");
    die "run run.sh --system and run.sh first\n" unless %$sys && %$ours;
    my $srows = read_tsv("$res/system.tsv");
    my $orows = read_tsv("$res/ours.tsv");
    my %later = map { $_->{name} => $_->{later} } grep { $_->{later} } @RULES;
    my $mins  = sub { my $s = shift // 0; sprintf '%d min %02d s', $s / 60, $s % 60 };
    my $last  = sub { (($_[0]{testdone} || [])->[-1] // '') =~ s/ reported OK.*//r };

    my $md = "# libcurl's test suite: results\n\n";
    $md .= "Written by `capi-tests/suite/run.sh --report` from the latest `run.sh --system` and\n"
      . "`run.sh` runs: curl's own test cases with the keywords HTTP and HTTPS, from\n"
      . "Debian's curl source package, with Debian's `/usr/bin/curl` (unmodified) and the\n"
      . "suite's libtest programs loading the library under test.\n\n";
    $md .= "| | system libcurl | ours |\n|---|---|---|\n";
    $md .= "| date | $sys->{date} | $ours->{date} |\n";
    $md .= "| source package | curl $sys->{version} | curl $ours->{version} |\n";
    $md .= "| library | Debian's libcurl.so.4 | commit $ours->{commit} |\n" if $ours->{commit};
    $md .= "| **passed** | **$sys->{passed}** | **$ours->{passed}** |\n";
    $md .= "| failed | $sys->{failed} | $ours->{failed} |\n";
    $md .= "| not run (skip.txt) | – | $ours->{skipped} |\n";
    my %ost = map { $_->[0] => $_->[1] } @$orows;
    my %c;
    $c{$ost{$_->[0]} // 'not run'}++ for @$srows;
    $md .= sprintf "| of the system's %d cases | %d passed | %d passed, %d failed, %d in skip.txt |\n",
      scalar @$srows, $sys->{passed}, $c{pass} // 0, ($c{fail} // 0) + ($c{'not run'} // 0), $c{'skip.txt'} // 0;
    for my $k ('HTTP', 'HTTPS') {
        my @s = grep { ($_->[5] // '') eq $k } @$srows;
        my %okw = map { $_->[0] => $_->[1] } grep { ($_->[5] // '') eq $k } @$orows;
        my $sp = grep { $_->[1] eq 'pass' } @s;
        my $op = grep { ($okw{$_->[0]} // '') eq 'pass' } @s;
        my $label = $k eq 'HTTPS' ? 'keyword HTTPS' : 'keyword HTTP, not HTTPS';
        $md .= sprintf "| %s: of the system's %d cases | %d passed | %d passed |\n", $label, scalar @s, $sp, $op;
    }
    $md .= "| runtests.pl's count | " . $last->($sys) . " | " . $last->($ours) . " |\n";
    $md .= "| run time | " . $mins->($sys->{seconds}) . " | " . $mins->($ours->{seconds}) . " |\n\n";
    $md .= "Building the test servers and libtests took " . $mins->($ours->{build_seconds} || $sys->{build_seconds})
      . ($ours->{cpus} ? " on $ours->{cpus} CPUs" : '') . ", once per source version.\n"
      . "On ours, \"failed\" includes the cases runtests.pl ran on the system libcurl but\n"
      . "skipped on ours because our `curl --version` lacks a feature they require.\n\n";

    my @sfail = grep { $_->[1] ne 'pass' } @$srows;
    if (@sfail) {
        $md .= "Not passing on the system libcurl:\n\n";
        $md .= "* $_->[0] " . ($_->[4] // '') . " ($_->[2])\n" for @sfail;
        $md .= "\n";
    }

    my (%n, %pass, %fail, %skip, %tool, %lib);
    for my $r (@$orows) {
        my ($c, $st, $f, $v) = @$r;
        $n{$f}++;
        if    ($st eq 'pass')     { $pass{$f}++ }
        elsif ($st eq 'skip.txt') { $skip{$f}++ }
        else {
            $fail{$f}++;
            $v eq 'libtest' ? $lib{$f}++ : $tool{$f}++;
        }
    }
    $md .= "## Ours by feature\n\n"
      . "A case's feature is the first rule in `suite.pl` that matches its keywords, servers,\n"
      . "curl options or libtest source. \"skip.txt\" cases need a feature not built yet and\n"
      . "are not run; the passing cases are in `passing.txt` once they have passed three runs\n"
      . "in a row.\n\n"
      . "| feature | cases | passing | failing (curl tool / libtest) | skip.txt |\n|---|---:|---:|---:|---:|\n";
    my %t;
    for my $f (sort { ($fail{$b} // 0) <=> ($fail{$a} // 0) || ($skip{$b} // 0) <=> ($skip{$a} // 0) || $a cmp $b } keys %n) {
        my $fl = $fail{$f} ? sprintf('%d (%d / %d)', $fail{$f}, $tool{$f} // 0, $lib{$f} // 0) : '0';
        $md .= sprintf "| %s | %d | %d | %s | %d |\n", $f . ($later{$f} ? ' *' : ''), $n{$f}, $pass{$f} // 0,
          $fl, $skip{$f} // 0;
        $t{n} += $n{$f};
        $t{p} += $pass{$f} // 0;
        $t{f} += $fail{$f} // 0;
        $t{s} += $skip{$f} // 0;
    }
    $md .= "| **total** | $t{n} | $t{p} | $t{f} | $t{s} |\n\nFeatures marked * are not built yet (their cases are in skip.txt):\n\n";
    $md .= "* $_: $later{$_}\n" for grep { $n{$_} } sort keys %later;
    my @f = map {"$_->[0]"} grep { $_->[1] ne 'pass' && $_->[1] ne 'skip.txt' } @$orows;
    $md .= "\nFailing on ours: " . join(' ', sort { $a <=> $b } @f) . "\n" if @f;
    write_file("$dir/RESULTS.md", $md);
    print "wrote RESULTS.md\n";
}

my %cmds = (
    classify     => \&cmd_classify,
    'write-skip' => \&cmd_write_skip,
    watchdog     => \&cmd_watchdog,
    tally        => \&cmd_tally,
    report       => \&cmd_report,
);
my $cmd = shift @ARGV // '';
die "usage: suite.pl classify|write-skip|watchdog|tally|report ...\n" unless $cmds{$cmd};
$cmds{$cmd}->(@ARGV);
