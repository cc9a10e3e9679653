/* A TCP proxy that adds a fixed one-way delay in each direction, to emulate a network
 * round trip on loopback (for kernels without netem). Loopback addresses only.
 *
 *   delay_proxy LISTEN TARGET DELAY_MS [DELAY_BACK_MS]
 *
 *   LISTEN         127.x.y.z:PORT to listen on (PORT 0: any free port)
 *   TARGET         127.x.y.z:PORT to connect to, once per accepted connection
 *   DELAY_MS       one-way delay from client to target, in milliseconds (decimals allowed)
 *   DELAY_BACK_MS  one-way delay from target to client (default: DELAY_MS)
 *
 * When it listens it prints the address (`127.0.0.1:PORT`) on a line to stdout. SIGTERM or
 * SIGINT stop it cleanly; it then prints what it carried to stderr.
 *
 * How it works: one thread, non-blocking sockets, epoll, and a timerfd for the next
 * deadline. Each read from one side (up to 64 KiB, whatever the kernel has) becomes a chunk
 * stamped with the time it may leave, now + the delay of its direction; when that time
 * comes the chunk is written to the other side by itself (TCP_NODELAY on both sides), so
 * the byte order and the chunking of the source are kept and nothing is merged beyond what
 * arrived within one read. An end of stream is forwarded the same way, delayed, as a
 * shutdown(SHUT_WR). A reset or error on either side closes both at once. More than 4 MiB
 * waiting in one direction stops reading from its source until it drains.
 *
 * Not emulated: the TCP handshake (the client's connect completes on loopback at once; the
 * connection to the target is made when the client's arrives), bandwidth, and loss.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define READ_SIZE 65536
#define QUEUE_LIMIT (4u << 20)

struct chunk {
  struct chunk *next;
  uint64_t due;          /* CLOCK_MONOTONIC ns when it may be written */
  size_t len, off;
  int eof;               /* an end of stream to forward, no data */
  char data[];
};

/* One direction: bytes read from fd[i] wait here to be written to fd[1 - i]. */
struct dir {
  struct chunk *head, *tail;
  size_t queued;
  int src_eof;           /* the source said end of stream (or the read side is done) */
  int shut;              /* the end of stream has been forwarded */
  int blocked;           /* the destination would block: waiting for EPOLLOUT */
};

struct conn;
struct endpoint {         /* epoll's data.ptr */
  struct conn *c;         /* NULL for the listening socket, the timer and the signals */
  int side;               /* 0 client, 1 target; for c == NULL: which special fd */
};

struct conn {
  uint32_t slot, gen;
  int fd[2];
  uint32_t want[2];       /* events registered for fd[i] (0: not registered) */
  int connecting;         /* fd[1]'s connect is in progress */
  int dead;
  struct dir d[2];        /* d[0]: client to target; d[1]: target to client */
  struct endpoint ep[2];
  struct conn *next_dead;
};

/* A deadline: flush direction `dir` of the connection in `slot` (if still generation
 * `gen`) at `due`. The delay of a direction is fixed, so each direction's deadlines come in
 * order: one FIFO per direction. */
struct deadline {
  uint64_t due;
  uint32_t slot, gen;
};
struct fifo {
  struct deadline *v;
  size_t cap, head, len;
};

static int epfd, tfd, sfd, lfd;
static struct sockaddr_in target;
static uint64_t delay_ns[2];
static struct conn **slots;
static uint32_t *gens;
static size_t nslots;
static uint32_t *free_slots;
static size_t nfree;
static struct fifo fifos[2];
static struct conn *graveyard;
static uint64_t armed = UINT64_MAX;
static unsigned long long n_accepted, n_live, bytes_fwd[2], n_failed;

static uint64_t now_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void die(const char *what)
{
  perror(what);
  exit(1);
}

static void *xmalloc(size_t n)
{
  void *p = malloc(n);
  if(!p)
    die("malloc");
  return p;
}

static void fifo_push(struct fifo *f, struct deadline d)
{
  if(f->len == f->cap) {
    size_t cap = f->cap ? f->cap * 2 : 1024, i;
    struct deadline *v = xmalloc(cap * sizeof(*v));
    for(i = 0; i < f->len; i++)
      v[i] = f->v[(f->head + i) % f->cap];
    free(f->v);
    f->v = v;
    f->cap = cap;
    f->head = 0;
  }
  f->v[(f->head + f->len) % f->cap] = d;
  f->len++;
}

static struct deadline *fifo_front(struct fifo *f)
{
  return f->len ? &f->v[f->head] : NULL;
}

static void fifo_pop(struct fifo *f)
{
  f->head = (f->head + 1) % f->cap;
  f->len--;
}

static int loopback(const char *spec, struct sockaddr_in *sa)
{
  char host[64];
  const char *colon = strrchr(spec, ':');
  char *end;
  long port;
  if(!colon || (size_t)(colon - spec) >= sizeof(host))
    return -1;
  memcpy(host, spec, (size_t)(colon - spec));
  host[colon - spec] = 0;
  port = strtol(colon + 1, &end, 10);
  if(*end || port < 0 || port > 65535)
    return -1;
  memset(sa, 0, sizeof(*sa));
  sa->sin_family = AF_INET;
  sa->sin_port = htons((uint16_t)port);
  if(inet_pton(AF_INET, host, &sa->sin_addr) != 1)
    return -1;
  if((ntohl(sa->sin_addr.s_addr) >> 24) != 127) {
    fprintf(stderr, "%s: not a loopback address (127.0.0.0/8 only)\n", spec);
    return -1;
  }
  return 0;
}

static void nodelay(int fd)
{
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

/* The events fd[i] should be registered for. */
static uint32_t wanted(struct conn *c, int i)
{
  uint32_t ev = 0;
  struct dir *in = &c->d[i], *out = &c->d[1 - i];
  int target_connecting = i == 1 && c->connecting;
  if(!in->src_eof && in->queued < QUEUE_LIMIT && !target_connecting)
    ev |= EPOLLIN;
  if(out->blocked || target_connecting)
    ev |= EPOLLOUT;
  return ev;
}

/* Registers what each side waits for; a side that waits for nothing is taken out of the
 * epoll set (otherwise a hung-up socket would be reported over and over). */
static void update(struct conn *c)
{
  int i;
  for(i = 0; i < 2; i++) {
    uint32_t ev = wanted(c, i);
    struct epoll_event e;
    if(ev == c->want[i])
      continue;
    memset(&e, 0, sizeof(e));
    e.events = ev;
    e.data.ptr = &c->ep[i];
    if(!ev)
      epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd[i], NULL);
    else if(epoll_ctl(epfd, c->want[i] ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, c->fd[i], &e) != 0)
      die("epoll_ctl");
    c->want[i] = ev;
  }
}

static void free_chunks(struct dir *d)
{
  while(d->head) {
    struct chunk *k = d->head;
    d->head = k->next;
    free(k);
  }
  d->tail = NULL;
  d->queued = 0;
}

/* Closes both sides now; the memory goes when the current batch of events is done. */
static void kill_conn(struct conn *c)
{
  int i;
  if(c->dead)
    return;
  c->dead = 1;
  for(i = 0; i < 2; i++) {
    if(c->want[i])
      epoll_ctl(epfd, EPOLL_CTL_DEL, c->fd[i], NULL);
    close(c->fd[i]);
    free_chunks(&c->d[i]);
  }
  gens[c->slot]++;
  slots[c->slot] = NULL;
  free_slots[nfree++] = c->slot;
  c->next_dead = graveyard;
  graveyard = c;
  n_live--;
}

/* Writes what is due of direction i (from fd[i] to fd[1 - i]). */
static void flush(struct conn *c, int i, uint64_t now)
{
  struct dir *d = &c->d[i];
  int dst = c->fd[1 - i];
  if(c->dead || (i == 0 && c->connecting))
    return;
  d->blocked = 0;
  while(d->head && d->head->due <= now) {
    struct chunk *k = d->head;
    if(k->eof) {
      shutdown(dst, SHUT_WR);
      d->shut = 1;
    }
    else {
      ssize_t w = send(dst, k->data + k->off, k->len - k->off, MSG_NOSIGNAL);
      if(w < 0) {
        if(errno == EAGAIN || errno == EWOULDBLOCK) {
          d->blocked = 1;
          break;
        }
        kill_conn(c);
        return;
      }
      bytes_fwd[i] += (unsigned long long)w;
      k->off += (size_t)w;
      d->queued -= (size_t)w;
      if(k->off < k->len) {
        d->blocked = 1;
        break;
      }
    }
    d->head = k->next;
    if(!d->head)
      d->tail = NULL;
    free(k);
  }
  if(c->d[0].shut && c->d[1].shut) {
    kill_conn(c);
    return;
  }
  update(c);
}

static void enqueue(struct conn *c, int i, const char *data, size_t len, int eof)
{
  struct chunk *k = xmalloc(sizeof(*k) + len);
  struct deadline dl;
  k->next = NULL;
  k->due = now_ns() + delay_ns[i];
  k->len = len;
  k->off = 0;
  k->eof = eof;
  memcpy(k->data, data, len);
  if(c->d[i].tail)
    c->d[i].tail->next = k;
  else
    c->d[i].head = k;
  c->d[i].tail = k;
  c->d[i].queued += len;
  dl.due = k->due;
  dl.slot = c->slot;
  dl.gen = c->gen;
  fifo_push(&fifos[i], dl);
}

/* fd[i] is readable: one read, one chunk. */
static void on_read(struct conn *c, int i)
{
  static char buf[READ_SIZE];
  ssize_t n = recv(c->fd[i], buf, sizeof(buf), 0);
  if(n > 0)
    enqueue(c, i, buf, (size_t)n, 0);
  else if(n == 0) {
    c->d[i].src_eof = 1;
    enqueue(c, i, NULL, 0, 1);
  }
  else if(errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
    kill_conn(c);
    return;
  }
  update(c);
}

static void on_accept(void)
{
  for(;;) {
    struct conn *c;
    struct sockaddr_in peer;
    socklen_t plen = sizeof(peer);
    int fd = accept4(lfd, (struct sockaddr *)&peer, &plen, SOCK_NONBLOCK | SOCK_CLOEXEC);
    int up;
    if(fd < 0) {
      if(errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED)
        perror("accept");
      return;
    }
    up = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if(up < 0) {
      perror("socket");
      close(fd);
      n_failed++;
      continue;
    }
    nodelay(fd);
    nodelay(up);
    c = calloc(1, sizeof(*c));
    if(!c)
      die("calloc");
    c->fd[0] = fd;
    c->fd[1] = up;
    if(connect(up, (struct sockaddr *)&target, sizeof(target)) != 0) {
      if(errno != EINPROGRESS) {
        perror("connect");
        close(fd);
        close(up);
        free(c);
        n_failed++;
        continue;
      }
      c->connecting = 1;
    }
    if(!nfree) {
      size_t n = nslots ? nslots * 2 : 256, k;
      slots = realloc(slots, n * sizeof(*slots));
      gens = realloc(gens, n * sizeof(*gens));
      free_slots = realloc(free_slots, n * sizeof(*free_slots));
      if(!slots || !gens || !free_slots)
        die("realloc");
      for(k = nslots; k < n; k++) {
        slots[k] = NULL;
        gens[k] = 0;
        free_slots[nfree++] = (uint32_t)(n - 1 - (k - nslots));
      }
      nslots = n;
    }
    c->slot = free_slots[--nfree];
    c->gen = gens[c->slot];
    slots[c->slot] = c;
    c->ep[0].c = c;
    c->ep[0].side = 0;
    c->ep[1].c = c;
    c->ep[1].side = 1;
    n_accepted++;
    n_live++;
    update(c);
  }
}

/* fd[i] can be written (or its connect finished): write what is due towards it. */
static void on_write(struct conn *c, int i, uint64_t now)
{
  if(i == 1 && c->connecting) {
    int err = 0;
    socklen_t len = sizeof(err);
    if(getsockopt(c->fd[1], SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err) {
      fprintf(stderr, "connect to target: %s\n", strerror(err ? err : errno));
      n_failed++;
      kill_conn(c);
      return;
    }
    c->connecting = 0;
  }
  flush(c, 1 - i, now);
}

/* Flushes every direction whose deadline has come. */
static void run_due(uint64_t now)
{
  int i;
  for(i = 0; i < 2; i++) {
    struct deadline *dl;
    while((dl = fifo_front(&fifos[i])) && dl->due <= now) {
      struct conn *c = dl->slot < nslots ? slots[dl->slot] : NULL;
      if(c && c->gen == dl->gen && !c->d[i].blocked)
        flush(c, i, now);
      fifo_pop(&fifos[i]);
    }
  }
}

static void arm_timer(void)
{
  uint64_t next = UINT64_MAX;
  int i;
  struct itimerspec its;
  for(i = 0; i < 2; i++) {
    struct deadline *dl = fifo_front(&fifos[i]);
    if(dl && dl->due < next)
      next = dl->due;
  }
  if(next == armed)
    return;
  memset(&its, 0, sizeof(its));
  if(next != UINT64_MAX) {
    its.it_value.tv_sec = (time_t)(next / 1000000000u);
    its.it_value.tv_nsec = (long)(next % 1000000000u);
  }
  if(timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL) != 0)
    die("timerfd_settime");
  armed = next;
}

static void add_special(int fd, struct endpoint *ep)
{
  struct epoll_event e;
  memset(&e, 0, sizeof(e));
  e.events = EPOLLIN;
  e.data.ptr = ep;
  if(epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &e) != 0)
    die("epoll_ctl");
}

int main(int argc, char **argv)
{
  struct sockaddr_in la;
  socklen_t lalen = sizeof(la);
  struct endpoint ep_listen = {NULL, 0}, ep_timer = {NULL, 1}, ep_signal = {NULL, 2};
  sigset_t mask;
  double ms[2];
  char *end;
  int one = 1, stop = 0, i;

  if(argc < 4 || argc > 5) {
    fprintf(stderr, "usage: %s LISTEN TARGET DELAY_MS [DELAY_BACK_MS]\n"
            "  e.g. %s 127.0.0.1:0 127.0.0.1:8080 5\n", argv[0], argv[0]);
    return 2;
  }
  if(loopback(argv[1], &la) || loopback(argv[2], &target)) {
    fprintf(stderr, "LISTEN and TARGET must be 127.x.y.z:PORT\n");
    return 2;
  }
  for(i = 0; i < 2; i++) {
    const char *s = argv[argc == 5 ? 3 + i : 3];
    ms[i] = strtod(s, &end);
    if(*end || ms[i] < 0 || ms[i] > 10000) {
      fprintf(stderr, "bad delay %s\n", s);
      return 2;
    }
    delay_ns[i] = (uint64_t)(ms[i] * 1e6 + 0.5);
  }

  signal(SIGPIPE, SIG_IGN);
  sigemptyset(&mask);
  sigaddset(&mask, SIGTERM);
  sigaddset(&mask, SIGINT);
  if(sigprocmask(SIG_BLOCK, &mask, NULL) != 0)
    die("sigprocmask");
  sfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
  tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  epfd = epoll_create1(EPOLL_CLOEXEC);
  lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if(sfd < 0 || tfd < 0 || epfd < 0 || lfd < 0)
    die("setup");
  setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if(bind(lfd, (struct sockaddr *)&la, sizeof(la)) != 0 || listen(lfd, 1024) != 0)
    die("listen");
  if(getsockname(lfd, (struct sockaddr *)&la, &lalen) != 0)
    die("getsockname");
  add_special(lfd, &ep_listen);
  add_special(tfd, &ep_timer);
  add_special(sfd, &ep_signal);
  {
    char a[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &la.sin_addr, a, sizeof(a));
    printf("%s:%u\n", a, (unsigned)ntohs(la.sin_port));
    fflush(stdout);
  }

  while(!stop) {
    struct epoll_event evs[256];
    uint64_t now;
    int n, k;
    arm_timer();
    n = epoll_wait(epfd, evs, 256, -1);
    if(n < 0) {
      if(errno == EINTR)
        continue;
      die("epoll_wait");
    }
    now = now_ns();
    for(k = 0; k < n; k++) {
      struct endpoint *e = evs[k].data.ptr;
      uint32_t ev = evs[k].events;
      if(!e->c) {
        if(e->side == 0)
          on_accept();
        else if(e->side == 1) {
          uint64_t expirations;
          if(read(tfd, &expirations, sizeof(expirations)) < 0 && errno != EAGAIN)
            die("read timerfd");
          armed = UINT64_MAX;   /* fired: arm again */
        }
        else {
          struct signalfd_siginfo si;
          if(read(sfd, &si, sizeof(si)) > 0)
            stop = 1;
        }
        continue;
      }
      if(e->c->dead)
        continue;
      if(ev & (EPOLLOUT | EPOLLERR | EPOLLHUP))
        if(e->c->want[e->side] & EPOLLOUT)
          on_write(e->c, e->side, now);
      if(!e->c->dead && (ev & (EPOLLIN | EPOLLERR | EPOLLHUP)))
        if(e->c->want[e->side] & EPOLLIN)
          on_read(e->c, e->side);
    }
    run_due(now_ns());
    while(graveyard) {
      struct conn *c = graveyard;
      graveyard = c->next_dead;
      free(c);
    }
  }

  for(i = 0; i < (int)nslots; i++)
    if(slots[i])
      kill_conn(slots[i]);
  while(graveyard) {
    struct conn *c = graveyard;
    graveyard = c->next_dead;
    free(c);
  }
  fprintf(stderr, "delay_proxy: %llu connections (%llu failed to reach the target), "
          "%llu bytes to the target, %llu bytes back\n", n_accepted, n_failed,
          bytes_fwd[0], bytes_fwd[1]);
  return 0;
}
