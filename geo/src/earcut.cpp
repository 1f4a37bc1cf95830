#include "earcut.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <deque>

namespace pc::detail {
namespace {

struct Node {
    std::uint32_t i;  // vertex index
    double x, y;
    Node* prev = nullptr;
    Node* next = nullptr;
    std::int32_t z = 0;
    Node* prev_z = nullptr;
    Node* next_z = nullptr;
    bool steiner = false;
};

class Earcut {
public:
    Earcut(const std::vector<Coord>& v, const std::vector<std::uint32_t>& starts) : v_(v), starts_(starts) {
    }

    std::vector<std::uint32_t> run() {
        if (starts_.size() < 2) return {};
        Node* outer = linked_list(starts_[0], starts_[1], true);
        if (!outer || outer->next == outer->prev) return {};
        if (starts_.size() > 2) outer = eliminate_holes(outer);
        // z-order hashing pays off from ~80 vertices
        if (v_.size() > 80) {
            min_x_ = max_x_ = v_[0].x;
            min_y_ = max_y_ = v_[0].y;
            for (std::uint32_t k = starts_[0]; k < starts_[1]; ++k) {
                min_x_ = std::min(min_x_, v_[k].x);
                min_y_ = std::min(min_y_, v_[k].y);
                max_x_ = std::max(max_x_, v_[k].x);
                max_y_ = std::max(max_y_, v_[k].y);
            }
            double size = std::max(max_x_ - min_x_, max_y_ - min_y_);
            inv_size_ = size != 0 ? 32767 / size : 0;
            hashing_ = true;
        }
        earcut_linked(outer, 0);
        return std::move(tris_);
    }

private:
    Node* make(std::uint32_t i) {
        Node* n = &nodes_.emplace_back();
        n->i = i;
        n->x = v_[i].x;
        n->y = v_[i].y;
        return n;
    }
    Node* insert(std::uint32_t i, Node* last) {
        Node* p = make(i);
        if (!last) {
            p->prev = p;
            p->next = p;
        } else {
            p->next = last->next;
            p->prev = last;
            last->next->prev = p;
            last->next = p;
        }
        return p;
    }
    static void remove(Node* p) {
        p->next->prev = p->prev;
        p->prev->next = p->next;
        if (p->prev_z) p->prev_z->next_z = p->next_z;
        if (p->next_z) p->next_z->prev_z = p->prev_z;
    }
    static double area(const Node* p, const Node* q, const Node* r) {
        return (q->y - p->y) * (r->x - q->x) - (q->x - p->x) * (r->y - q->y);
    }
    static bool equals(const Node* a, const Node* b) { return a->x == b->x && a->y == b->y; }
    static int sign(double v) { return (v > 0) - (v < 0); }
    static bool on_segment(const Node* p, const Node* q, const Node* r) {
        return q->x <= std::max(p->x, r->x) && q->x >= std::min(p->x, r->x) && q->y <= std::max(p->y, r->y) &&
               q->y >= std::min(p->y, r->y);
    }
    static bool intersects(const Node* p1, const Node* q1, const Node* p2, const Node* q2) {
        int o1 = sign(area(p1, q1, p2)), o2 = sign(area(p1, q1, q2)), o3 = sign(area(p2, q2, p1)), o4 = sign(area(p2, q2, q1));
        if (o1 != o2 && o3 != o4) return true;
        if (o1 == 0 && on_segment(p1, p2, q1)) return true;
        if (o2 == 0 && on_segment(p1, q2, q1)) return true;
        if (o3 == 0 && on_segment(p2, p1, q2)) return true;
        if (o4 == 0 && on_segment(p2, q1, q2)) return true;
        return false;
    }
    static bool point_in_triangle(double ax, double ay, double bx, double by, double cx, double cy, double px, double py) {
        return (cx - px) * (ay - py) >= (ax - px) * (cy - py) && (ax - px) * (by - py) >= (bx - px) * (ay - py) &&
               (bx - px) * (cy - py) >= (cx - px) * (by - py);
    }
    static bool locally_inside(const Node* a, const Node* b) {
        return area(a->prev, a, a->next) < 0 ? area(a, b, a->next) >= 0 && area(a, a->prev, b) >= 0
                                             : area(a, b, a->prev) < 0 || area(a, a->next, b) < 0;
    }
    static bool intersects_polygon(const Node* a, const Node* b) {
        const Node* p = a;
        do {
            if (p->i != a->i && p->next->i != a->i && p->i != b->i && p->next->i != b->i && intersects(p, p->next, a, b))
                return true;
            p = p->next;
        } while (p != a);
        return false;
    }
    static bool middle_inside(const Node* a, const Node* b) {
        const Node* p = a;
        bool inside = false;
        double px = (a->x + b->x) / 2, py = (a->y + b->y) / 2;
        do {
            if (((p->y > py) != (p->next->y > py)) && p->next->y != p->y &&
                (px < (p->next->x - p->x) * (py - p->y) / (p->next->y - p->y) + p->x))
                inside = !inside;
            p = p->next;
        } while (p != a);
        return inside;
    }
    static bool is_valid_diagonal(const Node* a, const Node* b) {
        return a->next->i != b->i && a->prev->i != b->i && !intersects_polygon(a, b) &&
               ((locally_inside(a, b) && locally_inside(b, a) && middle_inside(a, b) &&
                 (area(a->prev, a, b->prev) != 0 || area(a, b->prev, b) != 0)) ||
                (equals(a, b) && area(a->prev, a, a->next) > 0 && area(b->prev, b, b->next) > 0));
    }

    // A circular list of the ring [start, end) in the wanted winding (clockwise in y-up terms is
    // what the ear test below expects for the shell, as in earcut).
    Node* linked_list(std::uint32_t start, std::uint32_t end, bool clockwise) {
        double sum = 0;
        for (std::uint32_t k = start, j = end - 1; k < end; j = k++)
            sum += (v_[j].x - v_[k].x) * (v_[k].y + v_[j].y);
        Node* last = nullptr;
        if (clockwise == (sum > 0)) {
            for (std::uint32_t k = start; k < end; ++k) last = insert(k, last);
        } else {
            for (std::uint32_t k = end; k-- > start;) last = insert(k, last);
        }
        if (last && equals(last, last->next)) {
            Node* n = last->next;
            remove(last);
            last = n;
        }
        return last;
    }

    Node* filter_points(Node* start, Node* end = nullptr) {
        if (!start) return start;
        if (!end) end = start;
        Node* p = start;
        bool again;
        do {
            again = false;
            if (!p->steiner && (equals(p, p->next) || area(p->prev, p, p->next) == 0)) {
                remove(p);
                p = end = p->prev;
                if (p == p->next) break;
                again = true;
            } else {
                p = p->next;
            }
        } while (again || p != end);
        return end;
    }

    void earcut_linked(Node* ear, int pass) {
        if (!ear) return;
        if (!pass && hashing_) index_curve(ear);
        Node* stop = ear;
        while (ear->prev != ear->next) {
            Node* prev = ear->prev;
            Node* next = ear->next;
            if (hashing_ ? is_ear_hashed(ear) : is_ear(ear)) {
                tris_.push_back(prev->i);
                tris_.push_back(ear->i);
                tris_.push_back(next->i);
                remove(ear);
                ear = next->next;
                stop = next->next;
                continue;
            }
            ear = next;
            if (ear == stop) {
                if (!pass) {
                    earcut_linked(filter_points(ear), 1);
                } else if (pass == 1) {
                    ear = cure_local_intersections(filter_points(ear));
                    earcut_linked(ear, 2);
                } else if (pass == 2) {
                    split_earcut(ear);
                }
                break;
            }
        }
    }

    bool is_ear(Node* ear) const {
        const Node *a = ear->prev, *b = ear, *c = ear->next;
        if (area(a, b, c) >= 0) return false;
        const Node* p = ear->next->next;
        while (p != ear->prev) {
            if (point_in_triangle(a->x, a->y, b->x, b->y, c->x, c->y, p->x, p->y) && area(p->prev, p, p->next) >= 0)
                return false;
            p = p->next;
        }
        return true;
    }

    bool is_ear_hashed(Node* ear) {
        const Node *a = ear->prev, *b = ear, *c = ear->next;
        if (area(a, b, c) >= 0) return false;
        double min_tx = std::min({a->x, b->x, c->x}), min_ty = std::min({a->y, b->y, c->y});
        double max_tx = std::max({a->x, b->x, c->x}), max_ty = std::max({a->y, b->y, c->y});
        std::int32_t min_z = z_order(min_tx, min_ty), max_z = z_order(max_tx, max_ty);
        const Node* p = ear->prev_z;
        const Node* n = ear->next_z;
        auto blocks = [&](const Node* q) {
            return q != a && q != c && point_in_triangle(a->x, a->y, b->x, b->y, c->x, c->y, q->x, q->y) &&
                   area(q->prev, q, q->next) >= 0;
        };
        while (p && p->z >= min_z && n && n->z <= max_z) {
            if (blocks(p)) return false;
            p = p->prev_z;
            if (blocks(n)) return false;
            n = n->next_z;
        }
        while (p && p->z >= min_z) {
            if (blocks(p)) return false;
            p = p->prev_z;
        }
        while (n && n->z <= max_z) {
            if (blocks(n)) return false;
            n = n->next_z;
        }
        return true;
    }

    Node* cure_local_intersections(Node* start) {
        Node* p = start;
        do {
            Node* a = p->prev;
            Node* b = p->next->next;
            if (!equals(a, b) && intersects(a, p, p->next, b) && locally_inside(a, b) && locally_inside(b, a)) {
                tris_.push_back(a->i);
                tris_.push_back(p->i);
                tris_.push_back(b->i);
                remove(p);
                remove(p->next);
                p = start = b;
            }
            p = p->next;
        } while (p != start);
        return filter_points(p);
    }

    void split_earcut(Node* start) {
        Node* a = start;
        do {
            Node* b = a->next->next;
            while (b != a->prev) {
                if (a->i != b->i && is_valid_diagonal(a, b)) {
                    Node* c = split_polygon(a, b);
                    a = filter_points(a, a->next);
                    c = filter_points(c, c->next);
                    earcut_linked(a, 0);
                    earcut_linked(c, 0);
                    return;
                }
                b = b->next;
            }
            a = a->next;
        } while (a != start);
    }

    Node* eliminate_holes(Node* outer) {
        std::vector<Node*> queue;
        for (std::size_t h = 1; h + 1 < starts_.size(); ++h) {
            Node* list = linked_list(starts_[h], starts_[h + 1], false);
            if (!list) continue;
            if (list == list->next) list->steiner = true;
            queue.push_back(leftmost(list));
        }
        std::sort(queue.begin(), queue.end(), [](const Node* a, const Node* b) { return a->x < b->x; });
        for (Node* hole : queue) outer = eliminate_hole(hole, outer);
        return outer;
    }

    Node* eliminate_hole(Node* hole, Node* outer) {
        Node* bridge = find_hole_bridge(hole, outer);
        if (!bridge) return outer;
        Node* bridge_reverse = split_polygon(bridge, hole);
        filter_points(bridge_reverse, bridge_reverse->next);
        return filter_points(bridge, bridge->next);
    }

    Node* find_hole_bridge(Node* hole, Node* outer) {
        Node* p = outer;
        double hx = hole->x, hy = hole->y;
        double qx = -std::numeric_limits<double>::infinity();
        Node* m = nullptr;
        do {
            if (hy <= p->y && hy >= p->next->y && p->next->y != p->y) {
                double x = p->x + (hy - p->y) * (p->next->x - p->x) / (p->next->y - p->y);
                if (x <= hx && x > qx) {
                    qx = x;
                    m = p->x < p->next->x ? p : p->next;
                    if (x == hx) return m;
                }
            }
            p = p->next;
        } while (p != outer);
        if (!m) return nullptr;
        const Node* stop = m;
        double mx = m->x, my = m->y, tan_min = std::numeric_limits<double>::infinity();
        p = m;
        do {
            if (hx >= p->x && p->x >= mx && hx != p->x &&
                point_in_triangle(hy < my ? hx : qx, hy, mx, my, hy < my ? qx : hx, hy, p->x, p->y)) {
                double tan = std::abs(hy - p->y) / (hx - p->x);
                if (locally_inside(p, hole) &&
                    (tan < tan_min || (tan == tan_min && (p->x > m->x || (p->x == m->x && sector_contains_sector(m, p)))))) {
                    m = p;
                    tan_min = tan;
                }
            }
            p = p->next;
        } while (p != stop);
        return m;
    }
    static bool sector_contains_sector(const Node* m, const Node* p) {
        return area(m->prev, m, p->prev) < 0 && area(p->next, m, m->next) < 0;
    }

    static Node* leftmost(Node* start) {
        Node* p = start;
        Node* left = start;
        do {
            if (p->x < left->x || (p->x == left->x && p->y < left->y)) left = p;
            p = p->next;
        } while (p != start);
        return left;
    }

    Node* split_polygon(Node* a, Node* b) {
        Node* a2 = make(a->i);
        Node* b2 = make(b->i);
        Node* an = a->next;
        Node* bp = b->prev;
        a->next = b;
        b->prev = a;
        a2->next = an;
        an->prev = a2;
        b2->next = a2;
        a2->prev = b2;
        bp->next = b2;
        b2->prev = bp;
        return b2;
    }

    std::int32_t z_order(double x, double y) const {
        auto spread = [](std::uint32_t v) {
            v = (v | (v << 8)) & 0x00FF00FF;
            v = (v | (v << 4)) & 0x0F0F0F0F;
            v = (v | (v << 2)) & 0x33333333;
            v = (v | (v << 1)) & 0x55555555;
            return v;
        };
        std::uint32_t ix = std::uint32_t(std::clamp((x - min_x_) * inv_size_, 0.0, 32767.0));
        std::uint32_t iy = std::uint32_t(std::clamp((y - min_y_) * inv_size_, 0.0, 32767.0));
        return std::int32_t(spread(ix) | (spread(iy) << 1));
    }

    void index_curve(Node* start) {
        Node* p = start;
        do {
            p->z = z_order(p->x, p->y);
            p->prev_z = p->prev;
            p->next_z = p->next;
            p = p->next;
        } while (p != start);
        p->prev_z->next_z = nullptr;
        p->prev_z = nullptr;
        sort_linked(p);
    }

    // Merge sort of the z-linked list (Simon Tatham's).
    static Node* sort_linked(Node* list) {
        int in_size = 1;
        int merges;
        do {
            Node* p = list;
            list = nullptr;
            Node* tail = nullptr;
            merges = 0;
            while (p) {
                ++merges;
                Node* q = p;
                int p_size = 0;
                for (int k = 0; k < in_size; ++k) {
                    ++p_size;
                    q = q->next_z;
                    if (!q) break;
                }
                int q_size = in_size;
                while (p_size > 0 || (q_size > 0 && q)) {
                    Node* e;
                    if (p_size != 0 && (q_size == 0 || !q || p->z <= q->z)) {
                        e = p;
                        p = p->next_z;
                        --p_size;
                    } else {
                        e = q;
                        q = q->next_z;
                        --q_size;
                    }
                    if (tail) tail->next_z = e;
                    else list = e;
                    e->prev_z = tail;
                    tail = e;
                }
                p = q;
            }
            tail->next_z = nullptr;
            in_size *= 2;
        } while (merges > 1);
        return list;
    }

    const std::vector<Coord>& v_;
    const std::vector<std::uint32_t>& starts_;
    std::deque<Node> nodes_;  // stable addresses
    std::vector<std::uint32_t> tris_;
    bool hashing_ = false;
    double min_x_ = 0, min_y_ = 0, max_x_ = 0, max_y_ = 0, inv_size_ = 0;
};

}  // namespace

std::vector<std::uint32_t> earcut(const std::vector<Coord>& vertices, const std::vector<std::uint32_t>& ring_starts) {
    return Earcut(vertices, ring_starts).run();
}

}  // namespace pc::detail
